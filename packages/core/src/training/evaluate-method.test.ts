import * as tf from '../tf.js';
import { describe, expect, it } from 'vitest';
import { batchLoader } from './batch-loader.js';
import { evaluateMethod } from './evaluate-method.js';
import type { Method } from './method.js';

describe('evaluateMethod', () => {
  const weight = tf.variable(tf.tensor1d([2]));
  // Loss of a batch of numbers x: mean((w·x - 1)^2) plus a named term of its own; prepare draws noise from the step's stream.
  const method: Method<number[]> = {
    name: 'toy',
    trainableVariables: () => [weight],
    prepare: (xs, { random }) => [tf.tensor1d(xs.map((x) => x + 0 * random.next()))],
    forward: ([x]) => [tf.mul(x, weight)],
    loss: ([y]) => {
      const loss = tf.mean(tf.square(tf.sub(y, 1))) as tf.Scalar;
      return { loss, terms: { squared: loss, half: tf.mul(loss, 0.5) as tf.Scalar } };
    },
  };
  const data = batchLoader<number[]>({ size: 6, batchSize: 2, load: (indices) => indices.map((i) => i + 1), shuffle: false });

  it('averages the loss and its terms over the first batches, repeatably, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const result = await evaluateMethod(method, data, { batches: 2 });
    expect(tf.memory().numTensors).toBe(before);
    // Batches [1, 2] and [3, 4]: mean((2x - 1)^2) = (1 + 9) / 2 = 5 and (25 + 49) / 2 = 37.
    expect(result).toEqual({ loss: 21, terms: { squared: 21, half: 10.5 }, examples: 4, batches: 2 });
    expect(await evaluateMethod(method, data, { batches: 2 })).toEqual(result);
    expect((await evaluateMethod(method, data, { batches: 10 })).batches).toBe(3);
    await expect(evaluateMethod(method, data, { batches: 0 })).rejects.toThrow('evaluateMethod: batches must be a positive integer, got 0');
  });
});
