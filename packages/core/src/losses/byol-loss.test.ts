import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { byolLoss } from './byol-loss.js';

/** Naive float64 BYOL loss: mean_i |p_i/|p_i| - z_i/|z_i||^2 over flat [N, D] arrays. */
function naiveByol(p: ArrayLike<number>, z: ArrayLike<number>, N: number, D: number): number {
  let total = 0;
  for (let i = 0; i < N; i++) {
    let pp = 0;
    let zz = 0;
    for (let d = 0; d < D; d++) {
      pp += p[i * D + d] ** 2;
      zz += z[i * D + d] ** 2;
    }
    for (let d = 0; d < D; d++) total += (p[i * D + d] / Math.sqrt(pp) - z[i * D + d] / Math.sqrt(zz)) ** 2;
  }
  return total / N;
}

describe.each(TEST_BACKENDS)('byolLoss on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const N = 4;
  const D = 5;

  it('matches a float64 loop', () => {
    const p = randomNormalArray(6 * 9, { seed: 1 });
    const z = randomNormalArray(6 * 9, { seed: 2 });
    const loss = byolLoss(tf.tensor2d(p, [6, 9]), tf.tensor2d(z, [6, 9]));
    expect(maxRelativeError([loss.dataSync()[0]], [naiveByol(p, z, 6, 9)])).toBeLessThan(1e-4);
  });

  it('gives 0 for aligned rows, 4 for opposite rows and 2 for orthogonal rows', () => {
    const z = tf.tensor2d(randomNormalArray(N * D, { seed: 3 }), [N, D]);
    expect(byolLoss(tf.mul(z, 0.3) as tf.Tensor2D, z).dataSync()[0]).toBeCloseTo(0, 5);
    expect(byolLoss(tf.neg(z) as tf.Tensor2D, z).dataSync()[0]).toBeCloseTo(4, 5);
    const rolled = tf.tensor2d([
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(byolLoss(tf.eye(3) as tf.Tensor2D, rolled).dataSync()[0]).toBeCloseTo(2, 5);
  });

  it('has gradients matching finite differences', () => {
    const p = randomNormalArray(N * D, { seed: 4 });
    const z = randomNormalArray(N * D, { seed: 5 });
    const [dp, dz] = tf.grads((a: tf.Tensor, b: tf.Tensor) => byolLoss(a as tf.Tensor2D, b as tf.Tensor2D))([
      tf.tensor2d(p, [N, D]),
      tf.tensor2d(z, [N, D]),
    ]);
    const flat = Float64Array.from([...p, ...z]);
    const expected = finiteDifferenceGradient((x) => naiveByol(x.subarray(0, N * D), x.subarray(N * D), N, D), flat);
    expect(maxRelativeError(dp.dataSync(), expected.subarray(0, N * D))).toBeLessThan(1e-3);
    expect(maxRelativeError(dz.dataSync(), expected.subarray(N * D))).toBeLessThan(1e-3);
  });

  it('propagates NaN', () => {
    const p = randomNormalArray(N * D, { seed: 6 });
    p[0] = Number.NaN;
    expect(Number.isNaN(byolLoss(tf.tensor2d(p, [N, D]), tf.randomNormal([N, D])).dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const p = tf.zeros([N, D]) as tf.Tensor2D;
    expect(() => byolLoss(p, tf.zeros([N + 1, D]) as tf.Tensor2D)).toThrow('byolLoss: z must be [N, D] matching p [4, 5], got [5, 5]');
    expect(() => byolLoss(p, tf.zeros([N, D, 1]) as unknown as tf.Tensor2D)).toThrow(/^byolLoss: z must be \[N, D\]/);
    expect(() => byolLoss(tf.zeros([N, D], 'int32') as tf.Tensor2D, p)).toThrow(/^byolLoss: p must have dtype float32/);
    expect(() => byolLoss(null as unknown as tf.Tensor2D, p)).toThrow(/^byolLoss: p must be a tf.Tensor/);
  });

  it('leaks no tensors, forward or backward', () => {
    const p = tf.randomNormal([N, D]) as tf.Tensor2D;
    const z = tf.randomNormal([N, D]) as tf.Tensor2D;
    expect(leakedTensors(() => byolLoss(p, z))).toBe(0);
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => byolLoss(a as tf.Tensor2D, b as tf.Tensor2D));
    expect(leakedTensors(() => gradients([p, z]))).toBe(0);
    tf.dispose([p, z]);
  });
});
