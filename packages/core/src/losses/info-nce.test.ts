import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { INFO_NCE_DEFAULTS, infoNce } from './info-nce.js';

/** Cosine similarity of a[ai..ai+D) and b[bi..bi+D) in float64. */
function cosine(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, D: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < D; d++) {
    dot += a[ai + d] * b[bi + d];
    na += a[ai + d] ** 2;
    nb += b[bi + d] ** 2;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

/** Naive float64 InfoNCE; `perQuery` says whether negatives are [N, K, D] rather than [K, D]. */
function naiveInfoNce(
  q: ArrayLike<number>,
  p: ArrayLike<number>,
  n: ArrayLike<number>,
  N: number,
  K: number,
  D: number,
  perQuery: boolean,
  t: number,
): number {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const logits = [cosine(q, i * D, p, i * D, D) / t];
    for (let k = 0; k < K; k++) logits.push(cosine(q, i * D, n, ((perQuery ? i * K : 0) + k) * D, D) / t);
    const m = Math.max(...logits);
    let s = 0;
    for (const l of logits) s += Math.exp(l - m);
    total += m + Math.log(s) - logits[0];
  }
  return total / N;
}

describe.each(TEST_BACKENDS)('infoNce on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const N = 4;
  const K = 6;
  const D = 5;

  it.each([false, true])('matches a float64 loop (per-query negatives: %s)', (perQuery) => {
    const q = randomNormalArray(N * D, { seed: 1 });
    const p = randomNormalArray(N * D, { seed: 2 });
    const n = randomNormalArray((perQuery ? N : 1) * K * D, { seed: 3 });
    const negatives = perQuery ? tf.tensor3d(n, [N, K, D]) : tf.tensor2d(n, [K, D]);
    const loss = infoNce(tf.tensor2d(q, [N, D]), tf.tensor2d(p, [N, D]), negatives, { temperature: 0.2 });
    const expected = naiveInfoNce(q, p, n, N, K, D, perQuery, 0.2);
    expect(maxRelativeError([loss.dataSync()[0]], [expected])).toBeLessThan(1e-4);
    const defaultLoss = infoNce(tf.tensor2d(q, [N, D]), tf.tensor2d(p, [N, D]), negatives);
    const expectedDefault = naiveInfoNce(q, p, n, N, K, D, perQuery, INFO_NCE_DEFAULTS.temperature);
    expect(maxRelativeError([defaultLoss.dataSync()[0]], [expectedDefault])).toBeLessThan(1e-4);
  });

  it('gives log(exp(1/t) + K) - 1/t when negatives are orthogonal, log(1 + K) when they equal the positive', () => {
    const t = 0.5;
    const query = tf.tensor2d([
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
    const positive = tf.tensor2d([
      [3, 0, 0, 0],
      [0.5, 0, 0, 0],
    ]); // scale must not matter
    const orthogonal = tf.tensor2d([
      [0, 1, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, -1],
    ]);
    const orthogonalLoss = infoNce(query, positive, orthogonal, { temperature: t }).dataSync()[0];
    expect(orthogonalLoss).toBeCloseTo(Math.log(Math.exp(1 / t) + 3) - 1 / t, 5);
    const same = tf.tensor2d([
      [2, 0, 0, 0],
      [1, 0, 0, 0],
      [7, 0, 0, 0],
    ]);
    expect(infoNce(query, positive, same, { temperature: t }).dataSync()[0]).toBeCloseTo(Math.log(4), 5);
  });

  it('treats shared negatives like the same negatives repeated per query', () => {
    const q = tf.tensor2d(randomNormalArray(N * D, { seed: 4 }), [N, D]);
    const p = tf.tensor2d(randomNormalArray(N * D, { seed: 5 }), [N, D]);
    const shared = tf.tensor2d(randomNormalArray(K * D, { seed: 6 }), [K, D]);
    const tiled = tf.tile(tf.expandDims(shared, 0), [N, 1, 1]) as tf.Tensor3D;
    expect(infoNce(q, p, shared).dataSync()[0]).toBeCloseTo(infoNce(q, p, tiled).dataSync()[0], 5);
  });

  it.each([false, true])('has gradients matching finite differences (per-query negatives: %s)', (perQuery) => {
    const sizes = [N * D, N * D, (perQuery ? N : 1) * K * D];
    const values = sizes.map((size, i) => randomNormalArray(size, { seed: 10 + i }));
    const negativesShape = perQuery ? [N, K, D] : [K, D];
    const tensors = [tf.tensor(values[0], [N, D]), tf.tensor(values[1], [N, D]), tf.tensor(values[2], negativesShape)];
    const grads = tf.grads((q: tf.Tensor, p: tf.Tensor, n: tf.Tensor) =>
      infoNce(q as tf.Tensor2D, p as tf.Tensor2D, n as tf.Tensor2D, { temperature: 0.3 }),
    )(tensors);
    const flat = Float64Array.from(values.flatMap((v) => Array.from(v)));
    const expected = finiteDifferenceGradient((x) => {
      const q = x.subarray(0, sizes[0]);
      const p = x.subarray(sizes[0], sizes[0] + sizes[1]);
      const n = x.subarray(sizes[0] + sizes[1]);
      return naiveInfoNce(q, p, n, N, K, D, perQuery, 0.3);
    }, flat);
    let offset = 0;
    grads.forEach((grad, i) => {
      expect(maxRelativeError(grad.dataSync(), expected.subarray(offset, offset + sizes[i]))).toBeLessThan(1e-3);
      offset += sizes[i];
    });
  });

  it('propagates NaN', () => {
    const q = randomNormalArray(N * D, { seed: 20 });
    q[3] = Number.NaN;
    const loss = infoNce(tf.tensor2d(q, [N, D]), tf.randomNormal([N, D]), tf.randomNormal([K, D]) as tf.Tensor2D);
    expect(Number.isNaN(loss.dataSync()[0])).toBe(true);
    const n = randomNormalArray(N * K * D, { seed: 21 });
    n[7] = Number.NaN;
    const perQuery = infoNce(tf.randomNormal([N, D]), tf.randomNormal([N, D]), tf.tensor3d(n, [N, K, D]));
    expect(Number.isNaN(perQuery.dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const q = tf.zeros([N, D]) as tf.Tensor2D;
    const n = tf.zeros([K, D]) as tf.Tensor2D;
    expect(() => infoNce(tf.zeros([N]) as unknown as tf.Tensor2D, q, n)).toThrow(/^infoNce: query must be \[N, D\]/);
    expect(() => infoNce(q, tf.zeros([N, D + 1]) as tf.Tensor2D, n)).toThrow(
      /^infoNce: positive must be \[N, D\] matching query \[4, 5\], got \[4, 6\]/,
    );
    expect(() => infoNce(q, q, tf.zeros([K, D + 1]) as tf.Tensor2D)).toThrow(/^infoNce: negatives must be \[K, D\] or \[N, K, D\]/);
    expect(() => infoNce(q, q, tf.zeros([N + 1, K, D]) as tf.Tensor3D)).toThrow(/^infoNce: negatives/);
    expect(() => infoNce(q, q, tf.zeros([0, D]) as tf.Tensor2D)).toThrow(/^infoNce: negatives .*no empty dimension/);
    expect(() => infoNce(tf.zeros([N, D], 'int32') as tf.Tensor2D, q, n)).toThrow(/^infoNce: query must have dtype float32, got int32/);
    expect(() => infoNce(q, q, [[1]] as unknown as tf.Tensor2D)).toThrow(/^infoNce: negatives/);
    for (const temperature of [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => infoNce(q, q, n, { temperature })).toThrow(/^infoNce: temperature must be a finite number > 0/);
    }
  });

  it('leaks no tensors, forward or backward', () => {
    const q = tf.randomNormal([N, D]) as tf.Tensor2D;
    const p = tf.randomNormal([N, D]) as tf.Tensor2D;
    const n = tf.randomNormal([N, K, D]) as tf.Tensor3D;
    expect(leakedTensors(() => infoNce(q, p, n))).toBe(0);
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => infoNce(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor3D));
    expect(leakedTensors(() => gradients([q, p, n]))).toBe(0);
    tf.dispose([q, p, n]);
  });
});
