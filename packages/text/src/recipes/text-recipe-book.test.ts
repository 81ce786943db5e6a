import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTextRecipe, textRecipeFor } from './build-text-recipe.js';
import { createReplica } from './text-method-replica.js';
import { TEXT_RECIPE_NAMES, TEXT_RECIPES } from './text-recipe-book.js';
import { corpusStream } from './tokenized-corpus.js';

describe('the text recipe book', () => {
  beforeAll(() => useBackend('wasm'));

  it('builds every recipe; the same options give the same weights on a worker replica', () => {
    for (const name of TEXT_RECIPE_NAMES) {
      const options = { method: name, vocabularySize: 40, specialTokens: {}, totalSteps: 10, seed: 3 };
      const { method } = buildTextRecipe(options);
      expect(method.name).toBe(name);
      expect(method.replica?.options).toEqual(options);
      const replica = createReplica(JSON.parse(JSON.stringify(options)));
      const [a, b] = [method.trainableVariables(), replica.trainableVariables()];
      expect(b.map((v) => v.shape)).toEqual(a.map((v) => v.shape));
      expect(Array.from(b[0].dataSync())).toEqual(Array.from(a[0].dataSync()));
      method.encoder.dispose();
    }
  });

  it("the GPT recipe's data are windows of contextLength + 1 tokens of the corpus stream", async () => {
    const documents = [Array.from({ length: 40 }, (_, s) => [s % 30, (s + 1) % 30, (s + 2) % 30, (s + 3) % 30])];
    const data = TEXT_RECIPES.gpt.data({ documents }, { contextLength: 8, batchSize: 4, specialTokens: {} });
    const stream = Array.from(corpusStream({ documents }));
    for await (const { sequences } of data.epoch({ epoch: 0, seed: 0, startBatch: 0 })) {
      for (const window of sequences) {
        expect(window).toHaveLength(9);
        const start = stream.findIndex((_, i) => window.every((id, t) => stream[i + t] === id));
        expect(start).toBeGreaterThanOrEqual(0);
      }
    }
    expect(corpusStream({ documents: [[[1, 2], [3]], [[4]]] }, 0)).toEqual(Int32Array.from([1, 2, 3, 0, 4]));
    expect(() => textRecipeFor('elmo')).toThrow(`unknown text method 'elmo'; choose one of: ${TEXT_RECIPE_NAMES.join(', ')}`);
  });
});
