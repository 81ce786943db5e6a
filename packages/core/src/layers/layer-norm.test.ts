import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { layerNorm } from './layer-norm.js';

/** Float64 layer norm of rows of `features` values. */
function layerNorm64(x: ArrayLike<number>, gamma: ArrayLike<number>, beta: ArrayLike<number>, features: number, epsilon = 1e-5): Float64Array {
  const out = new Float64Array(x.length);
  for (let start = 0; start < x.length; start += features) {
    let mean = 0;
    for (let d = 0; d < features; d++) mean += x[start + d] / features;
    let variance = 0;
    for (let d = 0; d < features; d++) variance += (x[start + d] - mean) ** 2 / features;
    for (let d = 0; d < features; d++) out[start + d] = ((x[start + d] - mean) / Math.sqrt(variance + epsilon)) * gamma[d] + beta[d];
  }
  return out;
}

describe.each(TEST_BACKENDS)('layerNorm on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('values match float64 and tf.layers.layerNormalization', () => {
    const values = randomNormalArray(2 * 3 * 5, { seed: 1, scale: 3 });
    const x = tf.tensor3d(values, [2, 3, 5]);
    const y = layerNorm(x, { gamma: tf.ones([5]), beta: tf.zeros([5]) });
    const theirs = tf.layers.layerNormalization({ epsilon: 1e-5 }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 5]);
    expect(maxRelativeError(y.dataSync(), layerNorm64(values, [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], 5))).toBeLessThan(1e-5);
    expect(maxRelativeError(y.dataSync(), theirs.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, y, theirs]);
  });

  it('gradients of x, gamma and beta match finite differences', () => {
    const [rows, features] = [4, 3];
    const size = rows * features;
    const all = Float64Array.from([
      ...randomNormalArray(size, { seed: 2, scale: 2 }),
      ...randomNormalArray(features, { seed: 3 }),
      ...randomNormalArray(features, { seed: 4 }),
    ]);
    const weights = randomNormalArray(size, { seed: 5 });
    const [x, gamma, beta] = [all.subarray(0, size), all.subarray(size, size + features), all.subarray(size + features)].map((v) =>
      tf.tensor(Float32Array.from(v)),
    );
    const w = tf.tensor2d(weights, [rows, features]);
    const loss = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(layerNorm(tf.reshape(a, [rows, features]), { gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D }), w));
    const grads = tf.grads(loss)([x, gamma, beta]);
    const reference = (v: Float64Array) =>
      layerNorm64(v.subarray(0, size), v.subarray(size, size + features), v.subarray(size + features), features).reduce(
        (s, value, i) => s + value * weights[i],
        0,
      );
    const expected = finiteDifferenceGradient(reference, all);
    const actual = Float64Array.from(grads.flatMap((g) => Array.from(g.dataSync())));
    expect(maxRelativeError(actual.subarray(0, size), expected.subarray(0, size))).toBeLessThan(1e-3);
    expect(maxRelativeError(actual.subarray(size), expected.subarray(size))).toBeLessThan(1e-3);
    expect(leakedTensors(() => tf.grads(loss)([x, gamma, beta]))).toBe(0);
    tf.dispose([x, gamma, beta, w, ...grads]);
  });

  it('rejects gamma of the wrong size, naming the op', () => {
    expect(() => layerNorm(tf.ones([2, 4]), { gamma: tf.ones([3]), beta: tf.zeros([4]) })).toThrow(/layerNorm: gamma and beta must have shape \[4\]/);
  });
});
