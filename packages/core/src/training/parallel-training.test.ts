import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoViewMethod } from '../../test/fixtures/two-view-method.js';
import { ParallelReplicas } from '../parallel/parallel-replicas.js';
import { useBackend } from '../testing/index.js';
import { train } from './trainer.js';

describe('train with ParallelReplicas', () => {
  let replicas: ParallelReplicas;
  beforeAll(async () => {
    await useBackend('wasm');
    replicas = await ParallelReplicas.create({
      module: new URL('../../test/fixtures/tiny-replica.ts', import.meta.url),
      options: { seed: 4 },
      workers: 2,
    });
  }, 60_000);
  afterAll(() => replicas?.dispose());

  it('gives the loss curve of the one-thread run (one view per worker), and pulls the batch-norm statistics back', async () => {
    const single = twoViewMethod(4);
    const inOneThread = await train({ method: single.method, data: single.data, optimizer: tf.train.adam(0.01), steps: 8, seed: 9 });
    const parallel = twoViewMethod(4);
    const onWorkers = await train({ method: parallel.method, data: parallel.data, optimizer: tf.train.adam(0.01), steps: 8, seed: 9, replicas });
    onWorkers.losses.forEach((loss, i) => {
      expect(loss).toBeCloseTo(inOneThread.losses[i], 4);
    });
    // The moving statistics moved in the workers and were pulled back at the end of the run
    // (worker 0 saw only the first views, so they differ from the one-thread run's).
    const initial = twoViewMethod(4);
    const statistics = (m: typeof single) => m.encoder.nonTrainableWeights.flatMap((w) => Array.from(w.read().dataSync()));
    expect(statistics(parallel)).not.toEqual(statistics(initial));
    expect(statistics(parallel).every(Number.isFinite)).toBe(true);
    initial.encoder.dispose();
    single.encoder.dispose();
    parallel.encoder.dispose();
  }, 60_000);

  it('leaks no tensors on the main thread', async () => {
    const run = twoViewMethod(4);
    const optimizer = tf.train.adam(0.01);
    await train({ method: run.method, data: run.data, optimizer, steps: 2, replicas });
    const before = tf.memory().numTensors;
    await train({ method: run.method, data: run.data, optimizer, steps: 8, replicas });
    expect(tf.memory().numTensors).toBe(before);
    run.encoder.dispose();
  }, 60_000);

  it('asks for shards and joinLoss when given replicas', async () => {
    const run = twoViewMethod(4);
    const { shards: _, ...withoutShards } = run.method;
    await expect(train({ method: withoutShards, data: run.data, optimizer: tf.train.adam(0.01), steps: 1, replicas })).rejects.toThrow(
      /must implement shards\(batch, context\) and joinLoss/,
    );
    run.encoder.dispose();
  });
});
