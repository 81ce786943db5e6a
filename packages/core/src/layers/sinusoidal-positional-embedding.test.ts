import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, useBackend } from '../testing/index.js';
import { SinusoidalPositionalEmbedding, sinusoidalPositionTable } from './sinusoidal-positional-embedding.js';

describe.each(TEST_BACKENDS)('SinusoidalPositionalEmbedding on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('the table follows sin/cos of t / 10000^(2i/D)', () => {
    const table = sinusoidalPositionTable(7, 6);
    const expected: number[] = [];
    for (let t = 0; t < 7; t++) for (let i = 0; i < 3; i++) expected.push(Math.sin(t / 10000 ** ((2 * i) / 6)), Math.cos(t / 10000 ** ((2 * i) / 6)));
    expect(maxAbsoluteError(table, expected)).toBeLessThan(1e-7);
    expect(Array.from(sinusoidalPositionTable(1, 4))).toEqual([0, 1, 0, 1]);
    expect(sinusoidalPositionTable(2, 5)[9]).toBeCloseTo(Math.sin(1 / 10000 ** (4 / 5)), 7);
  });

  it('adds the table to every sequence of the batch, has no weights, leaks nothing', () => {
    const layer = new SinusoidalPositionalEmbedding();
    const x = tf.ones([2, 4, 6]);
    const y = layer.apply(x) as tf.Tensor;
    const table = sinusoidalPositionTable(4, 6);
    expect(y.shape).toEqual([2, 4, 6]);
    expect(
      maxAbsoluteError(
        y.dataSync(),
        [...table, ...table].map((v) => v + 1),
      ),
    ).toBeLessThan(1e-6);
    expect(layer.weights).toHaveLength(0);
    expect((layer.apply(tf.input({ shape: [9, 6] })) as tf.SymbolicTensor).shape).toEqual([null, 9, 6]);
    expect(leakedTensors(() => layer.apply(x) as tf.Tensor)).toBe(0);
    tf.dispose([x, y]);
  });

  it('rejects a wrong input rank and a bad maxWavelength, naming the layer', () => {
    expect(() => new SinusoidalPositionalEmbedding().apply(tf.ones([2, 6]))).toThrow(/SelfsupSinusoidalPositionalEmbedding: input must have rank 3/);
    expect(() => new SinusoidalPositionalEmbedding({ maxWavelength: 0 })).toThrow(/SelfsupSinusoidalPositionalEmbedding: maxWavelength/);
  });
});
