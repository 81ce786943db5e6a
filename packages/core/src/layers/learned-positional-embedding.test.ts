import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, useBackend } from '../testing/index.js';
import { LearnedPositionalEmbedding } from './learned-positional-embedding.js';

describe.each(TEST_BACKENDS)('LearnedPositionalEmbedding on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('adds the first T rows of its table; only those rows get a gradient', () => {
    const layer = new LearnedPositionalEmbedding({ maxLength: 5, units: 3 });
    const x = tf.ones([2, 3, 3]);
    layer.apply(x);
    const table = Array.from({ length: 15 }, (_, i) => i / 10);
    layer.setWeights([tf.tensor2d(table, [5, 3])]);
    const y = layer.apply(x) as tf.Tensor;
    const rows = table.slice(0, 9).map((v) => v + 1);
    expect(y.shape).toEqual([2, 3, 3]);
    expect(maxAbsoluteError(y.dataSync(), [...rows, ...rows])).toBeLessThan(1e-6);
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar);
    expect(Array.from(Object.values(grads)[0].dataSync())).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0]);
    tf.dispose([value, ...Object.values(grads)]);
    expect(
      leakedTensors(() => {
        const result = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar);
        return [result.value, ...Object.values(result.grads)];
      }),
    ).toBe(0);
    tf.dispose([x, y]);
  });

  it('initialises the table with a small truncated normal', () => {
    const layer = new LearnedPositionalEmbedding({ maxLength: 64, units: 32 });
    layer.apply(tf.input({ shape: [10, 32] }));
    const values = Array.from(layer.getWeights()[0].dataSync());
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.04 + 1e-6);
    expect(Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length)).toBeGreaterThan(0.01);
  });

  it('rejects T > maxLength, wrong rank and width, bad options, naming the layer and the option', () => {
    const layer = new LearnedPositionalEmbedding({ maxLength: 4, units: 3 });
    expect(() => layer.apply(tf.ones([1, 5, 3]))).toThrow(/SelfsupLearnedPositionalEmbedding: sequence length 5 exceeds maxLength 4/);
    expect(() => layer.apply(tf.input({ shape: [6, 3] }))).toThrow(/exceeds maxLength 4/);
    expect(() => layer.apply(tf.ones([1, 3]))).toThrow(/SelfsupLearnedPositionalEmbedding: input must have rank 3/);
    expect(() => layer.apply(tf.ones([1, 2, 4]))).toThrow(/SelfsupLearnedPositionalEmbedding: input must have last dimension 3/);
    expect(() => new LearnedPositionalEmbedding({ maxLength: 0, units: 3 })).toThrow(
      /SelfsupLearnedPositionalEmbedding: maxLength must be a positive integer/,
    );
  });
});
