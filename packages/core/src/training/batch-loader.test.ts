import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/index.js';
import { batchLoader } from './batch-loader.js';

async function collect<T>(iterable: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('batchLoader', () => {
  beforeAll(() => useBackend('cpu'));

  it('visits every example once per epoch in a seeded order that changes with the epoch', async () => {
    const source = batchLoader({ size: 10, batchSize: 3, load: (indices) => indices });
    expect(source.batchesPerEpoch).toBe(3);
    const epoch0 = await collect(source.epoch({ epoch: 0, seed: 1, startBatch: 0 }));
    expect(epoch0).toHaveLength(3);
    expect(new Set(epoch0.flat()).size).toBe(9);
    expect(await collect(source.epoch({ epoch: 0, seed: 1, startBatch: 0 }))).toEqual(epoch0);
    expect(await collect(source.epoch({ epoch: 1, seed: 1, startBatch: 0 }))).not.toEqual(epoch0);
    expect(await collect(source.epoch({ epoch: 0, seed: 2, startBatch: 0 }))).not.toEqual(epoch0);
  });

  it('restarts mid-epoch at exactly the batch a resumed run needs', async () => {
    const source = batchLoader({ size: 20, batchSize: 4, load: (indices) => indices });
    const whole = await collect(source.epoch({ epoch: 3, seed: 9, startBatch: 0 }));
    expect(await collect(source.epoch({ epoch: 3, seed: 9, startBatch: 2 }))).toEqual(whole.slice(2));
  });

  it('keeps the last partial batch when asked, and keeps order without shuffling', async () => {
    const source = batchLoader({ size: 5, batchSize: 2, shuffle: false, dropLast: false, load: (indices) => indices });
    expect(await collect(source.epoch({ epoch: 0, seed: 0, startBatch: 0 }))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('loads ahead while the consumer works, and frees what it loaded ahead when stopped early', async () => {
    const loaded: number[] = [];
    const source = batchLoader({
      size: 40,
      batchSize: 4,
      prefetch: 2,
      load: (indices, { batch }) => {
        loaded.push(batch);
        return tf.tensor1d(indices);
      },
    });
    const before = tf.memory().numTensors;
    const iterator = (source.epoch({ epoch: 0, seed: 0, startBatch: 0 }) as AsyncIterable<tf.Tensor1D>)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(loaded.length).toBeGreaterThanOrEqual(3); // the batch handed out plus two ahead
    tf.dispose(first.value as tf.Tensor);
    await iterator.return!();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects impossible sizes with clear errors', () => {
    expect(() => batchLoader({ size: 0, batchSize: 2, load: () => 0 })).toThrow(/batchLoader: size must be a positive integer/);
    expect(() => batchLoader({ size: 3, batchSize: 4, load: () => 0 })).toThrow(/batchSize 4 is larger than the 3 examples/);
  });
});
