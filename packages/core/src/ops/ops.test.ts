import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { pairwiseCosineSimilarity, rowCosineSimilarity } from './cosine-similarity.js';
import { l2Normalize } from './l2-normalize.js';
import { stopGradient } from './stop-gradient.js';

describe.each(TEST_BACKENDS)('ops on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('stopGradient is the identity forward and blocks the gradient', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const [value, blocked] = [stopGradient(x), tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stopGradient(v), v)))(x)];
    expect(Array.from(value.dataSync())).toEqual([1, -2, 3]);
    // d/dv sum(sg(v) * v) = sg(v) = v: only the un-stopped factor contributes.
    expect(Array.from(blocked.dataSync())).toEqual([1, -2, 3]);
    expect(leakedTensors(() => tf.grad((v: tf.Tensor) => tf.sum(stopGradient(v)))(x))).toBe(0);
    tf.dispose([x, value, blocked]);
  });

  it('l2Normalize gives unit rows, keeps zero rows at zero, and has the right gradient', () => {
    const x = tf.tensor2d([
      [3, 4],
      [0, 0],
    ]);
    expect(Array.from(l2Normalize(x).dataSync())).toEqual([0.6, 0.8, 0, 0].map((v) => Math.fround(v)));
    const values = randomNormalArray(6, { seed: 1 });
    const weights = [0.3, -1, 2, 0.5, 0.1, -0.7];
    const reference = (v: Float64Array) => {
      let total = 0;
      for (let row = 0; row < 2; row++) {
        const norm = Math.hypot(v[row * 3], v[row * 3 + 1], v[row * 3 + 2]);
        for (let k = 0; k < 3; k++) total += (weights[row * 3 + k] * v[row * 3 + k]) / norm;
      }
      return total;
    };
    const w = tf.tensor2d(weights, [2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(l2Normalize(v), w)))(tf.tensor2d(values, [2, 3]));
    expect(maxRelativeError(g.dataSync(), finiteDifferenceGradient(reference, values))).toBeLessThan(1e-3);
    expect(leakedTensors(() => l2Normalize(x))).toBe(0);
    tf.dispose([x, w, g]);
  });

  it('pairwise and row cosine similarities match a float64 loop', () => {
    const a = randomNormalArray(4 * 5, { seed: 2 });
    const b = randomNormalArray(3 * 5, { seed: 3 });
    const cos = (u: Float32Array, i: number, v: Float32Array, j: number) => {
      let dot = 0;
      let nu = 0;
      let nv = 0;
      for (let k = 0; k < 5; k++) {
        dot += u[i * 5 + k] * v[j * 5 + k];
        nu += u[i * 5 + k] ** 2;
        nv += v[j * 5 + k] ** 2;
      }
      return dot / Math.sqrt(nu * nv);
    };
    const expected = Array.from({ length: 12 }, (_, n) => cos(a, Math.floor(n / 3), b, n % 3));
    const ta = tf.tensor2d(a, [4, 5]);
    const tb = tf.tensor2d(b, [3, 5]);
    expect(maxRelativeError(pairwiseCosineSimilarity(ta, tb).dataSync(), expected)).toBeLessThan(1e-5);
    const rows = rowCosineSimilarity(tf.slice(ta, 0, 3), tb);
    expect(
      maxRelativeError(
        rows.dataSync(),
        [0, 1, 2].map((i) => cos(a, i, b, i)),
      ),
    ).toBeLessThan(1e-5);
    expect(() => pairwiseCosineSimilarity(ta, tf.zeros([3, 4]) as tf.Tensor2D)).toThrow(/pairwiseCosineSimilarity: .*\[4,5\].*\[3,4\]/);
    tf.dispose([ta, tb, rows]);
  });
});
