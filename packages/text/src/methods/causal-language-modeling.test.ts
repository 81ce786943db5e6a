import * as tf from '@selfsup/core/tf';
import { AdamW, train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenWindows } from '../data/token-windows.js';
import { gpt } from '../models/gpt.js';
import { CharacterTokenizer } from '../tokenizers/character-tokenizer.js';
import { causalLanguageModeling } from './causal-language-modeling.js';

describe('causalLanguageModeling', () => {
  beforeAll(() => useBackend('wasm'));

  it('targets are the inputs shifted by one; the loss is the cross-entropy of the next token (uniform logits: log V)', () => {
    const model = gpt({ vocabularySize: 7, contextLength: 4, layers: 1, heads: 1, units: 8, dropout: 0 });
    const method = causalLanguageModeling({ model });
    const [inputs, targets] = method.prepare(
      {
        sequences: [
          [1, 2, 3, 4, 5],
          [6, 5, 4, 3, 2],
        ],
      },
      undefined as never,
    );
    expect(inputs.arraySync()).toEqual([
      [1, 2, 3, 4],
      [6, 5, 4, 3],
    ]);
    expect(targets.arraySync()).toEqual([
      [2, 3, 4, 5],
      [5, 4, 3, 2],
    ]);
    const uniform = tf.zeros([2, 4, 7]);
    const { loss } = method.loss([uniform], [inputs, targets], undefined as never);
    expect(loss.dataSync()[0]).toBeCloseTo(Math.log(7), 5);
    tf.dispose([inputs, targets, uniform, loss]);
    expect(() =>
      method.prepare(
        {
          sequences: [
            [1, 2, 3],
            [1, 2],
          ],
        },
        undefined as never,
      ),
    ).toThrow('windows of one length >= 2');
    model.dispose();
  });

  it('dropout repeats exactly for a given step seed, and a slice of the batch gets the rows of the whole', () => {
    const model = gpt({ vocabularySize: 7, contextLength: 4, layers: 1, heads: 1, units: 8, dropout: 0.5, seed: 1 });
    const method = causalLanguageModeling({ model });
    const ids = tf.tensor2d(
      [
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ],
      [2, 4],
      'int32',
    );
    const [whole] = method.forward([ids], { seed: 5, offset: 0, batchSize: 2 });
    const [again] = method.forward([ids], { seed: 5, offset: 0, batchSize: 2 });
    const second = tf.slice(ids, [1, 0], [1, 4]);
    const [slice] = method.forward([second], { seed: 5, offset: 1, batchSize: 2 });
    expect(again.dataSync()).toEqual(whole.dataSync());
    expect(Array.from(slice.dataSync())).toEqual(Array.from(tf.tidy(() => tf.slice(whole, [1, 0, 0], [1, 4, 7]).dataSync())));
    tf.dispose([ids, whole, again, second, slice]);
    model.dispose();
  });

  it('the next-character loss falls on Moby Dick in 30 steps (windows of 32, batches of 16)', async () => {
    const text = (await loadMobyDick())
      .map((d) => d.text)
      .join('\n')
      .slice(0, 60_000);
    const tokenizer = CharacterTokenizer.train([text]);
    const model = gpt({ vocabularySize: tokenizer.vocabSize, contextLength: 32, layers: 2, heads: 2, units: 32, dropout: 0, seed: 2 });
    const result = await train({
      method: causalLanguageModeling({ model }),
      data: tokenWindows({ tokens: tokenizer.encode(text), contextLength: 32, batchSize: 16 }),
      optimizer: new AdamW({ learningRate: 3e-3 }),
      steps: 30,
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    expect(result.losses[0]).toBeGreaterThan(Math.log(tokenizer.vocabSize) - 0.5);
    expect(mean(result.losses.slice(-5))).toBeLessThan(result.losses[0] - 0.8);
    model.dispose();
  }, 60_000);
});
