import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { scaledDotProductAttention } from './scaled-dot-product-attention.js';

/** Float64 attention over [B, H, T, hd] arrays; masked keys are left out of the softmax entirely. */
function attention64(
  q: ArrayLike<number>,
  k: ArrayLike<number>,
  v: ArrayLike<number>,
  [B, H, Tq, hd]: number[],
  Tk: number,
  keep: (b: number, i: number, j: number) => boolean,
): Float64Array {
  const out = new Float64Array(B * H * Tq * hd);
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let i = 0; i < Tq; i++) {
        const scores: number[] = [];
        for (let j = 0; j < Tk; j++) {
          let s = 0;
          for (let d = 0; d < hd; d++) s += q[((b * H + h) * Tq + i) * hd + d] * k[((b * H + h) * Tk + j) * hd + d];
          scores.push(keep(b, i, j) ? s / Math.sqrt(hd) : Number.NEGATIVE_INFINITY);
        }
        const max = Math.max(...scores);
        const weights = scores.map((s) => Math.exp(s - max));
        const total = weights.reduce((a, c) => a + c, 0);
        for (let d = 0; d < hd; d++) {
          let s = 0;
          for (let j = 0; j < Tk; j++) s += (weights[j] / total) * v[((b * H + h) * Tk + j) * hd + d];
          out[((b * H + h) * Tq + i) * hd + d] = s;
        }
      }
  return out;
}

describe.each(TEST_BACKENDS)('scaledDotProductAttention on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const shape = [2, 2, 4, 3];
  const size = 2 * 2 * 4 * 3;
  const [qv, kv, vv] = [1, 2, 3].map((seed) => randomNormalArray(size, { seed }));

  it('matches float64 with no mask, a causal mask, and a padding mask', () => {
    const [q, k, v] = [qv, kv, vv].map((values) => tf.tensor4d(values, shape as [number, number, number, number]));
    const padding = [
      [1, 1, 0, 0],
      [1, 1, 1, 0],
    ];
    const cases = [
      { options: {}, keep: () => true },
      { options: { causal: true }, keep: (_b: number, i: number, j: number) => j <= i },
      { options: { keyPaddingMask: tf.tensor2d(padding) }, keep: (b: number, _i: number, j: number) => padding[b][j] === 1 },
      {
        options: { causal: true, keyPaddingMask: tf.tensor2d(padding) },
        keep: (b: number, i: number, j: number) => j <= i && padding[b][j] === 1,
      },
    ];
    for (const { options, keep } of cases) {
      const y = scaledDotProductAttention(q, k, v, options);
      expect(y.shape).toEqual(shape);
      expect(maxRelativeError(y.dataSync(), attention64(qv, kv, vv, shape, 4, keep))).toBeLessThan(1e-5);
      expect(leakedTensors(() => scaledDotProductAttention(q, k, v, options))).toBe(0);
      y.dispose();
    }
    tf.dispose([q, k, v]);
  });

  it('a fully padded row gives finite values, not NaN', () => {
    const q = tf.tensor4d(qv, shape as [number, number, number, number]);
    const y = scaledDotProductAttention(q, q, q, {
      keyPaddingMask: tf.tensor2d([
        [0, 0, 0, 0],
        [1, 1, 1, 1],
      ]),
    });
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([q, y]);
  });

  it('rejects bad shapes, naming the op and the argument', () => {
    const q = tf.zeros([1, 2, 3, 4]) as tf.Tensor4D;
    expect(() => scaledDotProductAttention(q, tf.zeros([1, 2, 3, 5]) as tf.Tensor4D, q)).toThrow(/scaledDotProductAttention: key and value/);
    expect(() => scaledDotProductAttention(q, q, q, { keyPaddingMask: tf.ones([1, 4]) })).toThrow(/keyPaddingMask must have shape \[1, 3\]/);
    const short = tf.zeros([1, 2, 2, 4]) as tf.Tensor4D;
    expect(() => scaledDotProductAttention(q, short, short, { causal: true })).toThrow(/causal needs at least as many keys as queries/);
  });

  it('causal with fewer queries than keys: the queries are the last positions (a key/value cache)', () => {
    const q = tf.randomNormal([2, 2, 5, 4], 0, 1, 'float32', 3) as tf.Tensor4D;
    const k = tf.randomNormal([2, 2, 5, 4], 0, 1, 'float32', 4) as tf.Tensor4D;
    const v = tf.randomNormal([2, 2, 5, 4], 0, 1, 'float32', 5) as tf.Tensor4D;
    const full = scaledDotProductAttention(q, k, v, { causal: true }); // [2, 2, 5, 4]
    const lastQueries = tf.slice(q, [0, 0, 3, 0], [2, 2, 2, 4]) as tf.Tensor4D;
    const lastTwo = scaledDotProductAttention(lastQueries, k, v, { causal: true }); // [2, 2, 2, 4]
    const expected = tf.slice(full, [0, 0, 3, 0], [2, 2, 2, 4]);
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(lastTwo, expected))).dataSync()[0])).toBeLessThan(1e-6);
    tf.dispose([q, k, v, full, lastQueries, lastTwo, expected]);
  });
});
