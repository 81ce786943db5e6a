import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { gelu } from './gelu.js';
import { layerNorm } from './layer-norm.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { TransformerEncoderBlock } from './transformer-encoder-block.js';

/** Gives every weight of a built layer seeded random values (γ around 1, the rest small). */
function randomizeWeights(layer: tf.layers.Layer): tf.Tensor[] {
  const values = layer.getWeights().map((w, i) => {
    const noise = tf.tensor(randomNormalArray(w.size, { seed: 100 + i, scale: 0.3 }), w.shape);
    return layer.weights[i].originalName.endsWith('_gamma') ? tf.add(noise, 1) : noise;
  });
  layer.setWeights(values);
  return values;
}

describe.each(TEST_BACKENDS)('TransformerEncoderBlock on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('is x + Attn(LN(x)) then h + MLP(LN(h)), composed from the verified parts', () => {
    const block = new TransformerEncoderBlock({ numHeads: 2, units: 6, mlpRatio: 2 });
    const x = tf.tensor3d(randomNormalArray(2 * 4 * 6, { seed: 1 }), [2, 4, 6]);
    block.apply(x);
    const w = randomizeWeights(block);
    const attention = new MultiHeadAttention({ numHeads: 2, units: 6 });
    attention.apply(x);
    attention.setWeights(w.slice(2, 10));
    const norm = (t: tf.Tensor, i: number) => layerNorm(t, { gamma: w[i] as tf.Tensor1D, beta: w[i + 1] as tf.Tensor1D });
    const dense = (t: tf.Tensor, i: number) => tf.add(tf.matMul(tf.reshape(t, [-1, w[i].shape[0]]), w[i] as tf.Tensor2D), w[i + 1]);
    const h = tf.add(x, attention.apply(norm(x, 0)) as tf.Tensor);
    const expected = tf.add(h, tf.reshape(dense(gelu(dense(norm(h, 10), 12)), 14), [2, 4, 6]));
    const y = block.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 4, 6]);
    expect(block.weights.map((v) => v.originalName.split('/').pop())).toEqual([
      'attention_norm_gamma',
      'attention_norm_beta',
      'attention_query_kernel',
      'attention_query_bias',
      'attention_key_kernel',
      'attention_key_bias',
      'attention_value_kernel',
      'attention_value_bias',
      'attention_output_kernel',
      'attention_output_bias',
      'mlp_norm_gamma',
      'mlp_norm_beta',
      'mlp_hidden_kernel',
      'mlp_hidden_bias',
      'mlp_output_kernel',
      'mlp_output_bias',
    ]);
    expect(w[12].shape).toEqual([6, 12]);
    expect(maxRelativeError(y.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
  });

  it('causal: a future token does not change earlier outputs; padding: padded keys are ignored', () => {
    const values = randomNormalArray(1 * 5 * 8, { seed: 2 });
    const changed = values.slice();
    for (let d = 0; d < 8; d++) changed[3 * 8 + d] += 2 * Math.sin(3 * d); // not constant: LN would remove that
    const [x, z] = [values, changed].map((v) => tf.tensor3d(v, [1, 5, 8]));
    const causal = new TransformerEncoderBlock({ numHeads: 2, units: 8, causal: true });
    const [a, b] = [x, z].map((t) => (causal.apply(t) as tf.Tensor).arraySync() as number[][][]);
    expect(maxAbsoluteError(a[0].slice(0, 3).flat(), b[0].slice(0, 3).flat())).toBeLessThan(1e-5);
    expect(maxAbsoluteError(a[0][4], b[0][4])).toBeGreaterThan(1e-3);

    const padded = new TransformerEncoderBlock({ numHeads: 2, units: 8 });
    const mask = tf.tensor2d([[1, 1, 1, 0, 1]]);
    const [c, d] = [x, z].map((t) => (padded.apply([t, mask]) as tf.Tensor).arraySync() as number[][][]);
    for (const t of [0, 1, 2, 4]) expect(maxAbsoluteError(c[0][t], d[0][t])).toBeLessThan(1e-5);
    const [e, f] = [x, z].map((t) => (padded.apply(t) as tf.Tensor).arraySync() as number[][][]);
    expect(maxAbsoluteError(e[0][0], f[0][0])).toBeGreaterThan(1e-3);
  });

  it('extend with a key/value cache gives the outputs of the whole sequence, position by position, leaking nothing', () => {
    const x = tf.tensor3d(randomNormalArray(2 * 5 * 8, { seed: 3 }), [2, 5, 8]);
    const block = new TransformerEncoderBlock({ numHeads: 2, units: 8, causal: true, seed: 4 });
    const whole = block.apply(x) as tf.Tensor3D; // [2, 5, 8]
    const before = tf.memory().numTensors;
    const prefix = tf.slice(x, [0, 0, 0], [2, 3, 8]) as tf.Tensor3D;
    const first = block.extend(prefix);
    const pieces = [first.output];
    let cache = first.cache;
    for (const t of [3, 4]) {
      const token = tf.slice(x, [0, t, 0], [2, 1, 8]) as tf.Tensor3D;
      const step = block.extend(token, cache);
      tf.dispose([token, cache.keyTransposed, cache.value]);
      pieces.push(step.output);
      cache = step.cache;
    }
    expect(cache.value.shape).toEqual([2, 2, 5, 4]);
    const joined = tf.concat(pieces, 1);
    expect(maxAbsoluteError(joined.dataSync(), whole.dataSync())).toBeLessThan(1e-5);
    tf.dispose([prefix, joined, ...pieces, cache.keyTransposed, cache.value]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, whole]);
    expect(() => new TransformerEncoderBlock({ numHeads: 2, units: 8 }).extend(x)).toThrow(/extend needs a built layer/);
  });

  it('trains: every weight gets a finite gradient, nothing leaks (dropout on)', () => {
    const block = new TransformerEncoderBlock({ numHeads: 2, units: 8, dropout: 0.1 });
    const x = tf.input({ shape: [5, 8] });
    expect((block.apply(x) as tf.SymbolicTensor).shape).toEqual([null, 5, 8]);
    const input = tf.randomNormal([2, 5, 8]);
    const step = () => tf.variableGrads(() => tf.mean(tf.square(block.apply(input, { training: true }) as tf.Tensor)) as tf.Scalar);
    const { value, grads } = step();
    expect(Object.keys(grads)).toHaveLength(16);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    const leaks = leakedTensors(() => {
      const result = step();
      return [result.value, ...Object.values(result.grads)];
    });
    expect(leaks).toBe(0);
    input.dispose();
  });

  it('rejects bad options and inputs, naming the layer and the option', () => {
    expect(() => new TransformerEncoderBlock({ numHeads: 3, units: 8 })).toThrow(
      /SelfsupTransformerEncoderBlock: numHeads \(3\) must divide units \(8\)/,
    );
    expect(() => new TransformerEncoderBlock({ numHeads: 2, units: 8, mlpRatio: 0 })).toThrow(/SelfsupTransformerEncoderBlock: mlpRatio/);
    expect(() => new TransformerEncoderBlock({ numHeads: 2, units: 8 }).apply(tf.ones([2, 5, 6]))).toThrow(
      /SelfsupTransformerEncoderBlock: x must have last dimension 8/,
    );
    expect(() => new TransformerEncoderBlock({ numHeads: 2, units: 8 }).apply(tf.ones([2, 8]))).toThrow(
      /SelfsupTransformerEncoderBlock: expected inputs/,
    );
    expect(() => new TransformerEncoderBlock({ numHeads: 2, units: 8 }).apply([tf.ones([2, 5, 8]), tf.ones([2, 4])])).toThrow(
      /SelfsupTransformerEncoderBlock: paddingMask must have shape/,
    );
  });
});
