import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropoutSequenceMethod } from '../../test/fixtures/dropout-sequence-method.js';
import { twoViewMethod } from '../../test/fixtures/two-view-method.js';
import { ParallelReplicas } from '../parallel/parallel-replicas.js';
import { useBackend } from '../testing/index.js';
import { fileRunStore } from './file-run-store.js';
import { train } from './trainer.js';

describe('train on worker threads (data-parallel through the method contract)', () => {
  const opened: ParallelReplicas[] = [];
  const replicasFor = async (method: ReturnType<typeof twoViewMethod>['method']) => {
    const replicas = await ParallelReplicas.forMethod(method, { workers: 2 });
    opened.push(replicas);
    return replicas;
  };
  beforeAll(() => useBackend('wasm'));
  afterAll(() => Promise.all(opened.map((r) => r.dispose())));

  it('without batch norm, gives the loss curve and weights of the one-thread run (each worker half of the batch)', async () => {
    const single = twoViewMethod({ seed: 4, batchNorm: false });
    const inOneThread = await train({ method: single.method, data: single.data, optimizer: tf.train.adam(0.01), steps: 8, seed: 9 });
    const parallel = twoViewMethod({ seed: 4, batchNorm: false });
    const replicas = await replicasFor(parallel.method);
    const onWorkers = await train({ method: parallel.method, data: parallel.data, optimizer: tf.train.adam(0.01), steps: 8, seed: 9, replicas });
    onWorkers.losses.forEach((loss, i) => {
      expect(loss).toBeCloseTo(inOneThread.losses[i], 4);
    });
    const weights = (m: typeof single) => m.encoder.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const a = weights(single);
    const b = weights(parallel);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-4);
    single.encoder.dispose();
    parallel.encoder.dispose();
  }, 120_000);

  it('with dropout, gives the one-thread losses: each worker keeps its rows of masks drawn for the whole batch from the step seed', async () => {
    const run = async (dropout: number, workers: number) => {
      const built = dropoutSequenceMethod({ seed: 3, dropout });
      const replicas = workers > 1 ? await ParallelReplicas.forMethod(built.method, { workers }) : undefined;
      if (replicas) opened.push(replicas);
      const { losses } = await train({ method: built.method, data: built.data, optimizer: tf.train.adam(0.01), steps: 6, seed: 5, replicas });
      built.model.dispose();
      return losses;
    };
    const [inOneThread, again, onWorkers, withoutDropout] = [await run(0.3, 1), await run(0.3, 1), await run(0.3, 2), await run(0, 1)];
    expect(again).toEqual(inOneThread); // the same masks on a second run
    onWorkers.forEach((loss, i) => {
      expect(loss).toBeCloseTo(inOneThread[i], 4);
    });
    expect(withoutDropout[0]).not.toBeCloseTo(inOneThread[0], 3); // dropout is on
  }, 120_000);

  it('with batch norm, stays within batch-statistics noise of the one-thread run and pulls the moving statistics back', async () => {
    const single = twoViewMethod({ seed: 4 });
    const inOneThread = await train({ method: single.method, data: single.data, optimizer: tf.train.adam(0.01), steps: 8, seed: 9 });
    const parallel = twoViewMethod({ seed: 4 });
    const replicas = await replicasFor(parallel.method);
    const onWorkers = await train({ method: parallel.method, data: parallel.data, optimizer: tf.train.adam(0.01), steps: 8, seed: 9, replicas });
    // Each worker normalises 6 examples instead of 12: close, not equal.
    onWorkers.losses.forEach((loss, i) => {
      expect(Math.abs(loss - inOneThread.losses[i])).toBeLessThan(0.1 * inOneThread.losses[i]);
    });
    expect(onWorkers.losses.some((loss, i) => loss !== inOneThread.losses[i])).toBe(true);
    const initial = twoViewMethod({ seed: 4 });
    const statistics = (m: typeof single) => m.encoder.nonTrainableWeights.flatMap((w) => Array.from(w.read().dataSync()));
    expect(statistics(parallel)).not.toEqual(statistics(initial));
    expect(statistics(parallel).every(Number.isFinite)).toBe(true);
    for (const m of [initial, single, parallel]) m.encoder.dispose();
  }, 120_000);

  it('resumes exactly: a run stopped after 4 steps and resumed on new workers ends where the uninterrupted one does, moving statistics included', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'selfsup-parallel-resume-'));
    const run = async (steps: number, checkpointDir?: string) => {
      const built = twoViewMethod({ seed: 4 });
      const replicas = await replicasFor(built.method);
      await train({
        method: built.method,
        data: built.data,
        optimizer: tf.train.adam(0.01),
        steps,
        seed: 9,
        replicas,
        store: checkpointDir ? fileRunStore(checkpointDir) : undefined,
        checkpointEvery: 4,
        resume: true,
      });
      const values = built.encoder.getWeights().map((w) => Array.from(w.dataSync()));
      built.encoder.dispose();
      return values;
    };
    try {
      const uninterrupted = await run(8);
      await run(4, directory); // stops after its checkpoint at step 4
      const resumed = await run(8, directory); // new workers, restored from the checkpoint
      expect(resumed).toEqual(uninterrupted);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);

  it('leaks no tensors on the main thread', async () => {
    const run = twoViewMethod({ seed: 4 });
    const replicas = await replicasFor(run.method);
    const optimizer = tf.train.adam(0.01);
    await train({ method: run.method, data: run.data, optimizer, steps: 2, replicas });
    const before = tf.memory().numTensors;
    await train({ method: run.method, data: run.data, optimizer, steps: 8, replicas });
    expect(tf.memory().numTensors).toBe(before);
    run.encoder.dispose();
  }, 120_000);

  it('says when a method cannot go on workers, or a batch is too small to split', async () => {
    const run = twoViewMethod({ seed: 4 });
    const { replica: _, ...withoutReplica } = run.method;
    await expect(ParallelReplicas.forMethod(withoutReplica, { workers: 2 })).rejects.toThrow(/method 'two-view' does not say how a worker builds it/);
    const replicas = await replicasFor(run.method);
    const tiny = { epoch: () => [tf.zeros([1, 8, 8, 1]) as tf.Tensor4D] };
    await expect(train({ method: run.method, data: tiny, optimizer: tf.train.adam(0.01), steps: 1, replicas })).rejects.toThrow(
      /a batch of 1 examples cannot be split over 2 workers/,
    );
    run.encoder.dispose();
  }, 120_000);
});
