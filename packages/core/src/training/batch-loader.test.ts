import * as tf from '../tf.js';
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

  it('reports a batch that fails to load when its turn comes, never as an unhandled rejection meanwhile', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const failing = (failAt: number) =>
        batchLoader({
          size: 40,
          batchSize: 4,
          prefetch: 2,
          shuffle: false,
          load: async (indices, { batch }) => {
            if (batch === failAt) throw new Error(`cannot decode image ${indices[0]}`);
            return tf.tensor1d(indices);
          },
        });
      // Batch 2 fails while batch 0 is in use: the error comes with batch 2, not before.
      const seen: number[] = [];
      const consume = async () => {
        for await (const batch of failing(2).epoch({ epoch: 0, seed: 0, startBatch: 0 }) as AsyncIterable<tf.Tensor1D>) {
          seen.push(batch.dataSync()[0]);
          await new Promise((resolve) => setTimeout(resolve, 5));
          batch.dispose();
        }
      };
      await expect(consume()).rejects.toThrow('cannot decode image 8');
      expect(seen).toEqual([0, 4]);
      // A consumer that stops before a failed prefetched batch never sees its error.
      const before = tf.memory().numTensors;
      const iterator = (failing(1).epoch({ epoch: 0, seed: 0, startBatch: 0 }) as AsyncIterable<tf.Tensor1D>)[Symbol.asyncIterator]();
      tf.dispose((await iterator.next()).value as tf.Tensor);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await iterator.return!();
      expect(tf.memory().numTensors).toBe(before);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('rejects impossible sizes with clear errors', () => {
    expect(() => batchLoader({ size: 0, batchSize: 2, load: () => 0 })).toThrow(/batchLoader: size must be a positive integer/);
    expect(() => batchLoader({ size: 3, batchSize: 4, load: () => 0 })).toThrow(/batchSize 4 is larger than the 3 examples/);
  });
});
