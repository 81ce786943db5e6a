import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { negativeCosineSimilarity } from './negative-cosine-similarity.js';

/** Naive float64 -mean_i cos(p_i, z_i) over flat [N, D] arrays. */
function naiveNegativeCosine(p: ArrayLike<number>, z: ArrayLike<number>, N: number, D: number): number {
  let total = 0;
  for (let i = 0; i < N; i++) {
    let dot = 0;
    let pp = 0;
    let zz = 0;
    for (let d = 0; d < D; d++) {
      dot += p[i * D + d] * z[i * D + d];
      pp += p[i * D + d] ** 2;
      zz += z[i * D + d] ** 2;
    }
    total += dot / Math.sqrt(pp * zz);
  }
  return -total / N;
}

describe.each(TEST_BACKENDS)('negativeCosineSimilarity on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const N = 4;
  const D = 5;

  it('matches a float64 loop', () => {
    const p = randomNormalArray(6 * 9, { seed: 1 });
    const z = randomNormalArray(6 * 9, { seed: 2 });
    const loss = negativeCosineSimilarity(tf.tensor2d(p, [6, 9]), tf.tensor2d(z, [6, 9]));
    expect(maxRelativeError([loss.dataSync()[0]], [naiveNegativeCosine(p, z, 6, 9)])).toBeLessThan(1e-4);
  });

  it('gives -1 for aligned rows, 1 for opposite rows and 0 for orthogonal rows', () => {
    const z = tf.tensor2d(randomNormalArray(N * D, { seed: 3 }), [N, D]);
    expect(negativeCosineSimilarity(tf.mul(z, 2.5) as tf.Tensor2D, z).dataSync()[0]).toBeCloseTo(-1, 5);
    expect(negativeCosineSimilarity(tf.neg(z) as tf.Tensor2D, z).dataSync()[0]).toBeCloseTo(1, 5);
    const basis = tf.eye(3) as tf.Tensor2D;
    const rolled = tf.tensor2d([
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(negativeCosineSimilarity(basis, rolled).dataSync()[0]).toBeCloseTo(0, 6);
  });

  it('has gradients matching finite differences', () => {
    const p = randomNormalArray(N * D, { seed: 4 });
    const z = randomNormalArray(N * D, { seed: 5 });
    const [dp, dz] = tf.grads((a: tf.Tensor, b: tf.Tensor) => negativeCosineSimilarity(a as tf.Tensor2D, b as tf.Tensor2D))([
      tf.tensor2d(p, [N, D]),
      tf.tensor2d(z, [N, D]),
    ]);
    const flat = Float64Array.from([...p, ...z]);
    const expected = finiteDifferenceGradient((x) => naiveNegativeCosine(x.subarray(0, N * D), x.subarray(N * D), N, D), flat);
    expect(maxRelativeError(dp.dataSync(), expected.subarray(0, N * D))).toBeLessThan(1e-3);
    expect(maxRelativeError(dz.dataSync(), expected.subarray(N * D))).toBeLessThan(1e-3);
  });

  it('propagates NaN', () => {
    const z = randomNormalArray(N * D, { seed: 6 });
    z[11] = Number.NaN;
    const loss = negativeCosineSimilarity(tf.randomNormal([N, D]), tf.tensor2d(z, [N, D]));
    expect(Number.isNaN(loss.dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const p = tf.zeros([N, D]) as tf.Tensor2D;
    expect(() => negativeCosineSimilarity(p, tf.zeros([N, D + 1]) as tf.Tensor2D)).toThrow(
      'negativeCosineSimilarity: z must be [N, D] matching p [4, 5], got [4, 6]',
    );
    expect(() => negativeCosineSimilarity(tf.zeros([D]) as unknown as tf.Tensor2D, p)).toThrow(/^negativeCosineSimilarity: p must be \[N, D\]/);
    expect(() => negativeCosineSimilarity(p, tf.zeros([N, D], 'int32') as tf.Tensor2D)).toThrow(
      /^negativeCosineSimilarity: z must have dtype float32/,
    );
  });

  it('leaks no tensors, forward or backward', () => {
    const p = tf.randomNormal([N, D]) as tf.Tensor2D;
    const z = tf.randomNormal([N, D]) as tf.Tensor2D;
    expect(leakedTensors(() => negativeCosineSimilarity(p, z))).toBe(0);
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => negativeCosineSimilarity(a as tf.Tensor2D, b as tf.Tensor2D));
    expect(leakedTensors(() => gradients([p, z]))).toBe(0);
    tf.dispose([p, z]);
  });
});
