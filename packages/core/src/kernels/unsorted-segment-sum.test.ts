import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { leakedTensors, maxAbsoluteError, randomNormalArray, useBackend } from '../testing/index.js';

describe.each(['wasm', 'cpu'] as const)('UnsortedSegmentSum and the gather gradient on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('sums rows into segments and drops out-of-range ids', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    const ids = tf.tensor1d([2, 0, 2, 5], 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 3);
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(out.dataSync())).toEqual([3, 4, 0, 0, 6, 8]);
    tf.dispose([x, ids, out]);
  });

  it('sums int32 values too', () => {
    const x = tf.tensor1d([1, 2, 3], 'int32');
    const ids = tf.tensor1d([1, 1, 0], 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 2);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([3, 3]);
    tf.dispose([x, ids, out]);
  });

  it('gives the embedding-table gradient of gather (repeated ids accumulate)', () => {
    const vocabulary = 7;
    const width = 5;
    const table = tf.tensor2d(randomNormalArray(vocabulary * width, { seed: 9 }), [vocabulary, width]);
    const idValues = [3, 1, 3, 6, 0, 3, 1, 2];
    const ids = tf.tensor2d(idValues, [2, 4], 'int32');
    const upstreamValues = randomNormalArray(idValues.length * width, { seed: 10 });
    const upstream = tf.tensor3d(upstreamValues, [2, 4, width]);
    const gradient = tf.grad((t: tf.Tensor) => tf.gather(t, ids))(table, upstream);
    const expected = new Float64Array(vocabulary * width);
    idValues.forEach((id, n) => {
      for (let k = 0; k < width; k++) expected[id * width + k] += upstreamValues[n * width + k];
    });
    expect(maxAbsoluteError(gradient.dataSync(), expected)).toBeLessThan(1e-5);
    tf.dispose([table, ids, upstream, gradient]);
  });

  it('gives a 30k-entry embedding table its gradient (counts of each id), leaking nothing', () => {
    const table = tf.zeros([30_000, 64]) as tf.Tensor2D;
    const idValues = Array.from({ length: 64 * 128 }, (_, i) => (i * 7919) % 30_000);
    const ids = tf.tensor2d(idValues, [64, 128], 'int32');
    const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, ids)));
    const result = gradient(table);
    const counts = new Map<number, number>();
    for (const id of idValues) counts.set(id, (counts.get(id) ?? 0) + 1);
    const rows = result.arraySync() as number[][];
    for (const id of [0, 7919, 29_999, 12_345]) expect(rows[id][5]).toBe(counts.get(id) ?? 0);
    expect(leakedTensors(() => gradient(table))).toBe(0);
    tf.dispose([table, ids, result]);
  });
});
