import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { gelu } from './gelu.js';
import { layerNorm } from './layer-norm.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { TransformerDecoderBlock } from './transformer-decoder-block.js';

/** Adds a non-constant perturbation (layer norm would cancel a constant one) to token `t` of batch 0. */
function perturb(values: Float32Array, t: number, width: number): Float32Array {
  const out = values.slice();
  for (let d = 0; d < width; d++) out[t * width + d] += 2 * Math.sin(3 * d + 1);
  return out;
}

describe.each(TEST_BACKENDS)('TransformerDecoderBlock on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('is causal self-attention, cross-attention and MLP, each pre-LN with a residual', () => {
    const block = new TransformerDecoderBlock({ numHeads: 2, units: 4, mlpRatio: 2 });
    const x = tf.tensor3d(randomNormalArray(2 * 3 * 4, { seed: 1 }), [2, 3, 4]);
    const memory = tf.tensor3d(randomNormalArray(2 * 5 * 6, { seed: 2 }), [2, 5, 6]);
    block.apply([x, memory]);
    const w = block
      .getWeights()
      .map((v, i) => tf.add(tf.tensor(randomNormalArray(v.size, { seed: 50 + i, scale: 0.3 }), v.shape), i % 10 === 0 ? 1 : 0));
    block.setWeights(w);
    const selfAttention = new MultiHeadAttention({ numHeads: 2, units: 4, causal: true });
    selfAttention.apply(x);
    selfAttention.setWeights(w.slice(2, 10));
    const crossAttention = new MultiHeadAttention({ numHeads: 2, units: 4 });
    crossAttention.apply([x, memory]);
    crossAttention.setWeights(w.slice(12, 20));
    const norm = (t: tf.Tensor, i: number) => layerNorm(t, { gamma: w[i] as tf.Tensor1D, beta: w[i + 1] as tf.Tensor1D });
    const dense = (t: tf.Tensor, i: number) => tf.add(tf.matMul(tf.reshape(t, [-1, w[i].shape[0]]), w[i] as tf.Tensor2D), w[i + 1]);
    const h = tf.add(x, selfAttention.apply(norm(x, 0)) as tf.Tensor);
    const g = tf.add(h, crossAttention.apply([norm(h, 10), memory]) as tf.Tensor);
    const expected = tf.add(g, tf.reshape(dense(gelu(dense(norm(g, 20), 22)), 24), [2, 3, 4]));
    const y = block.apply([x, memory]) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 4]);
    expect(block.weights).toHaveLength(26);
    expect(maxRelativeError(y.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
  });

  it('a future target token does not change earlier outputs; padded memory is ignored', () => {
    const block = new TransformerDecoderBlock({ numHeads: 2, units: 8 });
    const xValues = randomNormalArray(2 * 4 * 8, { seed: 3 });
    const memoryValues = randomNormalArray(2 * 6 * 5, { seed: 4 });
    const mask = tf.tensor2d([
      [1, 1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1, 1],
    ]);
    const run = (xv: Float32Array, mv: Float32Array, withMask = true) => {
      const inputs = [tf.tensor3d(xv, [2, 4, 8]), tf.tensor3d(mv, [2, 6, 5])];
      return (block.apply(withMask ? [...inputs, mask] : inputs) as tf.Tensor).arraySync() as number[][][];
    };
    const base = run(xValues, memoryValues);
    const future = run(perturb(xValues, 2, 8), memoryValues);
    expect(maxAbsoluteError(base[0].slice(0, 2).flat(), future[0].slice(0, 2).flat())).toBeLessThan(1e-5);
    expect(maxAbsoluteError(base[0][3], future[0][3])).toBeGreaterThan(1e-3);
    const paddedChange = run(xValues, perturb(memoryValues, 5, 5));
    expect(maxAbsoluteError(base.flat(2), paddedChange.flat(2))).toBeLessThan(1e-5);
    const unmasked = run(xValues, perturb(memoryValues, 5, 5), false);
    expect(maxAbsoluteError(run(xValues, memoryValues, false)[0][0], unmasked[0][0])).toBeGreaterThan(1e-3);
  });

  it('trains: every weight gets a finite gradient, nothing leaks (dropout on)', () => {
    const block = new TransformerDecoderBlock({ numHeads: 2, units: 8, dropout: 0.1 });
    const [x, memory] = [tf.input({ shape: [4, 8] }), tf.input({ shape: [6, 8] })];
    expect((block.apply([x, memory]) as tf.SymbolicTensor).shape).toEqual([null, 4, 8]);
    const inputs = [tf.randomNormal([2, 4, 8]), tf.randomNormal([2, 6, 8])];
    const step = () => tf.variableGrads(() => tf.mean(tf.square(block.apply(inputs, { training: true }) as tf.Tensor)) as tf.Scalar);
    const { value, grads } = step();
    expect(Object.keys(grads)).toHaveLength(26);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
    const leaks = leakedTensors(() => {
      const result = step();
      return [result.value, ...Object.values(result.grads)];
    });
    expect(leaks).toBe(0);
    tf.dispose(inputs);
  });

  it('rejects bad options and inputs, naming the layer and the option', () => {
    expect(() => new TransformerDecoderBlock({ numHeads: 5, units: 8 })).toThrow(
      /SelfsupTransformerDecoderBlock: numHeads \(5\) must divide units \(8\)/,
    );
    expect(() => new TransformerDecoderBlock({ numHeads: 2, units: 8, dropout: -0.1 })).toThrow(/SelfsupTransformerDecoderBlock: dropout/);
    const block = new TransformerDecoderBlock({ numHeads: 2, units: 8 });
    expect(() => block.apply(tf.ones([1, 3, 8]))).toThrow(/SelfsupTransformerDecoderBlock: expected inputs of 2 sequence/);
    expect(() => block.apply([tf.ones([1, 3, 8]), tf.ones([1, 4, 8]), tf.ones([1, 3])])).toThrow(/memoryPaddingMask must have shape/);
    expect(() => block.apply([tf.ones([1, 3, 8]), tf.ones([2, 4, 8])])).toThrow(/SelfsupTransformerDecoderBlock: x and memory batch sizes differ/);
  });
});
