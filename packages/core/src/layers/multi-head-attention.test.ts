import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { scaledDotProductAttention } from './scaled-dot-product-attention.js';

/** Float64 x·W + b of rows [N, in] with W [in, out]. */
function dense64(x: ArrayLike<number>, w: ArrayLike<number>, b: ArrayLike<number>, n: number, inUnits: number, outUnits: number): Float64Array {
  const out = new Float64Array(n * outUnits);
  for (let r = 0; r < n; r++)
    for (let o = 0; o < outUnits; o++) {
      let s = b[o];
      for (let i = 0; i < inUnits; i++) s += x[r * inUnits + i] * w[i * outUnits + o];
      out[r * outUnits + o] = s;
    }
  return out;
}

/** [B, T, H·hd] rows to [B, H, T, hd]. */
function splitHeads64(x: Float64Array, B: number, T: number, H: number, hd: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++)
      for (let h = 0; h < H; h++)
        for (let d = 0; d < hd; d++) {
          out[((b * H + h) * T + t) * hd + d] = x[((b * T + t) * H + h) * hd + d];
        }
  return out;
}

describe.each(TEST_BACKENDS)('MultiHeadAttention on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('self-attention matches float64 projections around the attention core', () => {
    const [B, T, D, H, hd] = [2, 4, 6, 2, 3];
    const layer = new MultiHeadAttention({ numHeads: H, units: D });
    const xValues = randomNormalArray(B * T * D, { seed: 1 });
    const x = tf.tensor3d(xValues, [B, T, D]);
    layer.apply(x);
    const weights = layer.getWeights().map((w, i) => randomNormalArray(w.size, { seed: 10 + i, scale: 0.5 }));
    layer.setWeights(weights.map((values, i) => tf.tensor(values, layer.getWeights()[i].shape)));
    const [wq, bq, wk, bk, wv, bv, wo, bo] = weights;
    const heads = [
      [wq, bq],
      [wk, bk],
      [wv, bv],
    ].map(([w, b]) => splitHeads64(dense64(xValues, w, b, B * T, D, H * hd), B, T, H, hd));
    const [q, k, v] = heads.map((values) => tf.tensor4d(Float32Array.from(values), [B, H, T, hd]));
    const attended = tf.transpose(scaledDotProductAttention(q, k, v), [0, 2, 1, 3]); // [B, T, H, hd]
    const expected = dense64(attended.dataSync(), wo, bo, B * T, H * hd, D);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([B, T, D]);
    expect(maxRelativeError(y.dataSync(), expected)).toBeLessThan(1e-4);
    tf.dispose([x, y, q, k, v, attended]);
  });

  it('causal: changing a future token does not change earlier outputs', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, units: 8, causal: true });
    const values = randomNormalArray(1 * 5 * 8, { seed: 2 });
    const x = tf.tensor3d(values, [1, 5, 8]);
    const changed = values.slice();
    for (let d = 0; d < 8; d++) changed[3 * 8 + d] += 5;
    const y = (layer.apply(x) as tf.Tensor).arraySync() as number[][][];
    const z = (layer.apply(tf.tensor3d(changed, [1, 5, 8])) as tf.Tensor).arraySync() as number[][][];
    expect(maxAbsoluteError(y[0].slice(0, 3).flat(), z[0].slice(0, 3).flat())).toBeLessThan(1e-6);
    expect(maxAbsoluteError(y[0][3], z[0][3])).toBeGreaterThan(1e-3);
    expect(maxAbsoluteError(y[0][4], z[0][4])).toBeGreaterThan(1e-3);
  });

  it('cross-attention: padded memory positions are ignored', () => {
    const layer = new MultiHeadAttention({ numHeads: 3, units: 6, keyUnits: 2 });
    const query = tf.tensor3d(randomNormalArray(2 * 3 * 6, { seed: 3 }), [2, 3, 6]);
    const memoryValues = randomNormalArray(2 * 4 * 5, { seed: 4 });
    const mask = tf.tensor2d([
      [1, 1, 0, 0],
      [1, 1, 1, 1],
    ]);
    const changed = memoryValues.slice();
    for (const t of [2, 3]) for (let d = 0; d < 5; d++) changed[t * 5 + d] -= 3; // batch 0, padded keys
    const y = layer.apply([query, tf.tensor3d(memoryValues, [2, 4, 5]), mask]) as tf.Tensor;
    const z = layer.apply([query, tf.tensor3d(changed, [2, 4, 5]), mask]) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 6]);
    expect(maxAbsoluteError(y.dataSync(), z.dataSync())).toBeLessThan(1e-6);
    const unmasked = layer.apply([query, tf.tensor3d(changed, [2, 4, 5])]) as tf.Tensor;
    expect(maxAbsoluteError(y.dataSync(), unmasked.dataSync())).toBeGreaterThan(1e-3);
  });

  it('symbolic shapes, gradients to every weight, and no leaks with dropout in training', () => {
    const x = tf.input({ shape: [5, 8] });
    const mask = tf.input({ shape: [5] });
    const layer = new MultiHeadAttention({ numHeads: 4, units: 12, dropout: 0.1 });
    expect((layer.apply([x, mask]) as tf.SymbolicTensor).shape).toEqual([null, 5, 12]);
    const input = tf.randomNormal([2, 5, 8]);
    const keep = tf.tensor2d([
      [1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1],
    ]);
    const step = () => tf.variableGrads(() => tf.sum(layer.apply([input, keep], { training: true }) as tf.Tensor) as tf.Scalar);
    const { value, grads } = step();
    expect(Object.keys(grads)).toHaveLength(8);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    expect(
      leakedTensors(() => {
        const result = step();
        return [result.value, ...Object.values(result.grads)];
      }),
    ).toBe(0);
    tf.dispose([input, keep]);
  });

  it('rejects bad options and inputs, naming the layer and the option', () => {
    expect(() => new MultiHeadAttention({ numHeads: 3, units: 8 })).toThrow(/SelfsupMultiHeadAttention: numHeads \(3\) must divide units \(8\)/);
    expect(() => new MultiHeadAttention({ numHeads: 0, units: 8 })).toThrow(/SelfsupMultiHeadAttention: numHeads must be a positive integer/);
    expect(() => new MultiHeadAttention({ numHeads: 2, units: 8, dropout: 1 })).toThrow(/SelfsupMultiHeadAttention: dropout/);
    expect(() => new MultiHeadAttention({ numHeads: 2, units: 8 }).apply(tf.ones([2, 8]))).toThrow(
      /SelfsupMultiHeadAttention: expected inputs .* rank 2/,
    );
    const cross = new MultiHeadAttention({ numHeads: 2, units: 8, causal: true });
    expect(() => cross.apply([tf.ones([1, 3, 8]), tf.ones([1, 4, 8])])).toThrow(/SelfsupMultiHeadAttention: causal applies to self-attention only/);
    const layer = new MultiHeadAttention({ numHeads: 2, units: 8 });
    layer.apply(tf.ones([1, 3, 8]));
    expect(() => layer.apply(tf.ones([1, 3, 7]))).toThrow(/SelfsupMultiHeadAttention: query must have last dimension 8/);
    expect(() => layer.apply([tf.ones([1, 3, 8]), tf.ones([1, 4])])).toThrow(/SelfsupMultiHeadAttention: paddingMask must have shape \[1,3\]/);
  });
});
