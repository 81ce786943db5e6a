import type * as tf from '@selfsup/core/tf';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { spanCorruptionLengths } from '../methods/span-corruption-denoising.js';
import { TextTokenizer } from '../tokenizers/text-tokenizer.js';
import { trainByteLevelBpe } from '../tokenizers/train-byte-level-bpe.js';
import { buildTextRecipe, textRecipeFor } from './build-text-recipe.js';
import { specialTokenIds } from './special-token-ids.js';
import { createReplica } from './text-method-replica.js';
import { TEXT_RECIPE_NAMES, TEXT_RECIPES } from './text-recipe-book.js';
import { corpusStream } from './tokenized-corpus.js';

describe('the text recipe book', () => {
  beforeAll(() => useBackend('wasm'));

  it('builds every recipe; the same options give the same weights on a worker replica', () => {
    for (const name of TEXT_RECIPE_NAMES) {
      // The ids of the special tokens the recipe declares, 0, 1, ... in its order (as a byte-level BPE trained with them).
      const specialTokens = Object.fromEntries(Object.keys(textRecipeFor(name).tokenizerSpecialTokens ?? {}).map((token, i) => [token, i]));
      const options = { method: name, vocabularySize: 40, specialTokens, totalSteps: 10, seed: 3 };
      const { method } = buildTextRecipe(options);
      expect(method.name).toBe(name);
      expect(method.replica?.options).toEqual(options);
      const replica = createReplica(JSON.parse(JSON.stringify(options)));
      const [a, b] = [method.trainableVariables(), replica.trainableVariables()];
      expect(b.map((v) => v.shape)).toEqual(a.map((v) => v.shape));
      expect(Array.from(b[0].dataSync())).toEqual(Array.from(a[0].dataSync()));
      for (const model of Object.values(method.models?.() ?? {})) model.dispose(); // the whole model: it frees the encoder's layers too
    }
  });

  it('bert, t5 and bart name the special tokens their tokenizer must hold, and refuse to build without their ids', () => {
    expect(TEXT_RECIPES.bert.tokenizerSpecialTokens).toEqual({
      pad: '[PAD]',
      unknown: '[UNK]',
      classifier: '[CLS]',
      separator: '[SEP]',
      mask: '[MASK]',
    });
    expect(TEXT_RECIPES.t5.tokenizerSpecialTokens).toEqual({ pad: '<pad>', eos: '</s>' });
    expect(TEXT_RECIPES.bart.tokenizerSpecialTokens).toEqual({ bos: '<s>', pad: '<pad>', eos: '</s>', mask: '<mask>' });
    expect(TEXT_RECIPES.bert.tokenizer).toBe('wordpiece');
    const tokenizer = TextTokenizer.fromFiles(
      trainByteLevelBpe(['call me ishmael', 'some years ago'], {
        vocabSize: 270,
        specialTokens: Object.values(TEXT_RECIPES.bart.tokenizerSpecialTokens),
      }),
    );
    expect(specialTokenIds(TEXT_RECIPES.bart, tokenizer)).toEqual({ bos: 0, pad: 1, eos: 2, mask: 3 });
    expect(() => specialTokenIds(TEXT_RECIPES.bert, tokenizer)).toThrow("specialTokenIds: the tokenizer has no '[PAD]' token (pad)");
    expect(() => buildTextRecipe({ method: 'bert', vocabularySize: 40, specialTokens: { pad: 0 }, totalSteps: 10 })).toThrow(
      "text recipe 'bert': specialTokens.classifier must be a token id, got undefined",
    );
    // T5's sentinels: 100 ids above the tokenizer's.
    const { method } = buildTextRecipe({ method: 't5', vocabularySize: 300, specialTokens: { pad: 0, eos: 1 }, totalSteps: 10 });
    const t5 = method.models?.().t5 as tf.LayersModel;
    expect(t5.outputs[0].shape).toEqual([null, null, 400]);
    t5.dispose();
  });

  it("bert's data are pairs of consecutive sentences; t5's and bart's, blocks of whole sentences that fit the model", async () => {
    const documents = Array.from({ length: 6 }, (_, d) =>
      Array.from({ length: 20 }, (_, s) => Array.from({ length: 5 + ((d + s) % 20) }, (_, t) => 10 + t)),
    );
    const options = { contextLength: 48, batchSize: 4, specialTokens: {} };
    const request = { epoch: 0, seed: 0, startBatch: 0 };
    for await (const { pairs } of TEXT_RECIPES.bert.data({ documents }, options).epoch(request)) expect(pairs).toHaveLength(4);
    const longest = async (recipe: 't5' | 'bart') => {
      let tokens = 0;
      for await (const { blocks } of TEXT_RECIPES[recipe].data({ documents }, options).epoch(request)) {
        for (const block of blocks) tokens = Math.max(tokens, block.flat().length);
      }
      return tokens;
    };
    expect(await longest('t5')).toBeLessThanOrEqual(spanCorruptionLengths(48).tokens); // inputs of at most 48 once corrupted
    expect(await longest('bart')).toBeLessThanOrEqual(46); // + BOS and EOS
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
