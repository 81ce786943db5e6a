import * as tf from '@selfsup/core/tf';
import { createRandom } from '@selfsup/core';
import { TEST_BACKENDS, saveAndLoad, useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from './generate.js';
import { gpt } from './gpt.js';
import { sampleToken } from './sample-token.js';

const SMALL = { vocabularySize: 11, contextLength: 8, layers: 2, heads: 2, units: 16, dropout: 0, seed: 3 };

describe('sampleToken', () => {
  it('greedy at temperature 0, lower id on ties; top-k 1 and a tiny top-p are greedy too', () => {
    const random = createRandom(0);
    expect(sampleToken([0.1, 3, 3, -1], random, { temperature: 0 })).toBe(1);
    for (let i = 0; i < 20; i++) {
      expect(sampleToken([0.1, 2, 3, -1], random, { topK: 1 })).toBe(2);
      expect(sampleToken([0.1, 2, 3, -1], random, { topP: 0.01 })).toBe(2);
    }
  });

  it('draws from softmax(logits / T) restricted to top-k and the top-p nucleus (frequencies over 20,000 draws)', () => {
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    const frequencies = (options: Parameters<typeof sampleToken>[2]) => {
      const random = createRandom(7);
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 20000; i++) counts[sampleToken(logits, random, options)]++;
      return counts.map((c) => c / 20000);
    };
    const close = (actual: number[], expected: number[]) => {
      for (const [i, a] of actual.entries()) expect(a).toBeCloseTo(expected[i], 1.7);
    };
    close(frequencies({}), [0.5, 0.3, 0.15, 0.05]);
    close(frequencies({ topK: 2 }), [0.625, 0.375, 0, 0]);
    // Cumulative 0.5, 0.8, 0.95: p = 0.75 keeps the token that crosses it (the second).
    close(frequencies({ topP: 0.75 }), [0.625, 0.375, 0, 0]);
    close(frequencies({ topP: 0.9 }), [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0]);
    // Temperature 0.5 squares the probabilities before renormalising.
    const squares = [0.25, 0.09, 0.0225, 0.0025];
    const sum = squares.reduce((a, b) => a + b);
    close(
      frequencies({ temperature: 0.5 }),
      squares.map((s) => s / sum),
    );
  });

  it('rejects bad options and NaN logits, naming them', () => {
    const random = createRandom(0);
    expect(() => sampleToken([], random)).toThrow('sampleToken: logits must have at least one entry');
    expect(() => sampleToken([1, Number.NaN], random)).toThrow('logits[1] is NaN');
    expect(() => sampleToken([1], random, { temperature: -1 })).toThrow('temperature must be a finite number >= 0');
    expect(() => sampleToken([1], random, { topK: 1.5 })).toThrow('topK must be an integer >= 0');
    expect(() => sampleToken([1], random, { topP: 0 })).toThrow('topP must be in (0, 1]');
  });
});

describe.each(TEST_BACKENDS)('gpt and generate on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('maps [B, T] ids to [B, T, V] logits; a later token does not change earlier logits (causal)', () => {
    const model = gpt(SMALL);
    const a = tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32');
    const b = tf.tensor2d([[1, 2, 3, 9]], [1, 4], 'int32');
    const [la, lb] = [a, b].map((t) => model.apply(t) as tf.Tensor3D);
    expect(la.shape).toEqual([1, 4, 11]);
    const first = (t: tf.Tensor3D) => Array.from(tf.tidy(() => tf.slice(t, [0, 0, 0], [1, 3, 11]).dataSync()));
    expect(first(la)).toEqual(first(lb));
    tf.dispose([a, b, la, lb]);
    model.dispose();
  });

  it('with the key/value cache generates exactly the tokens of recomputing the window, past the context, leaking nothing', () => {
    const model = gpt(SMALL);
    const before = tf.memory().numTensors;
    const cached = generate(model, [1, 2, 3], { maxNewTokens: 12, temperature: 0 });
    const recomputed = generate(model, [1, 2, 3], { maxNewTokens: 12, temperature: 0, cache: false });
    expect(cached).toEqual(recomputed);
    const reference: number[] = [1, 2, 3];
    for (let i = 0; i < 12; i++) {
      const window = reference.slice(-SMALL.contextLength);
      const next = tf.tidy(() => {
        const logits = model.apply(tf.tensor2d(window, [1, window.length], 'int32')) as tf.Tensor3D;
        return tf.argMax(tf.slice(logits, [0, window.length - 1, 0], [1, 1, 11]), 2).dataSync()[0];
      });
      reference.push(next);
    }
    expect(cached).toEqual(reference.slice(3));
    const sampled = generate(model, [1, 2, 3], { maxNewTokens: 12, temperature: 1.5, topK: 5, seed: 9 });
    expect(generate(model, [1, 2, 3], { maxNewTokens: 12, temperature: 1.5, topK: 5, seed: 9, cache: false })).toEqual(sampled);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('works on a model loaded back from the layers format; stops at the stop token; names bad input', async () => {
    const model = gpt(SMALL);
    const loaded = await saveAndLoad(model);
    expect(generate(loaded, [4, 5], { maxNewTokens: 6, temperature: 0 })).toEqual(generate(model, [4, 5], { maxNewTokens: 6, temperature: 0 }));
    const greedy = generate(model, [4, 5], { maxNewTokens: 6, temperature: 0 });
    expect(generate(model, [4, 5], { maxNewTokens: 6, temperature: 0, stopToken: greedy[1] })).toEqual(
      greedy.slice(0, greedy.indexOf(greedy[1]) + 1),
    );
    expect(() => generate(model, [], {})).toThrow('generate: prompt must have at least one token');
    expect(() => generate(model, [11], {})).toThrow('generate: prompt[0] = 11 is not a token id in [0, 11)');
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] })] });
    expect(() => generate(other, [1], {})).toThrow(/generate: the model has no layer 'gpt_token_embedding'/);
    for (const m of [model, loaded, other]) m.dispose();
  });
});
