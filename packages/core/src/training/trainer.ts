import * as tf from '../tf.js';
import { createRandom } from '../random/seeded-random.js';
import { deriveSeed } from '../random/derive-seed.js';
import type { BatchSource } from './batch-loader.js';
import type { StepContext } from './method.js';
import { movingStatistics } from './moving-statistics.js';
import { runParallelStep, runStep } from './optimizer-step.js';
import type { StepReport } from './progress.js';
import type { Evaluation, TrainOptions, TrainResult } from './train-options.js';
import { checkpointContents, restoreRun } from './resume-state.js';
import { DataSourceError, TrainingDivergedError } from './training-errors.js';
import { nonFiniteTensor, nonFiniteVariable } from './non-finite-values.js';

/**
 * Trains a method: the one loop every method of every modality goes through.
 *
 * Each step's randomness comes from `context.random`, a generator seeded from (seed, step),
 * so augmentations and masks repeat exactly, after a resume too (the trainer never swaps
 * `Math.random`: tf's unseeded random ops are not for steps); with a `store` it writes
 * atomic checkpoints (models in the layers format, optimizer slots, method state, data
 * position) and `resume: true` continues the same run as if it had never stopped.
 * A NaN/Inf loss, a weight or optimizer slot that is not finite when a checkpoint is due
 * (it is not written), or an evaluation figure that is not finite stops the run with a
 * `TrainingDivergedError` naming the step, what was not finite and the last good
 * checkpoint: finite weights and a finite loss after them (a store with `rewindTo` verifies
 * it on disk and points the run at it, so a resume with a lower learning rate starts there). A data source that fails (a file that does not
 * decode, with strict data) saves a checkpoint of the steps done, then throws a
 * `DataSourceError` naming it; an evaluation that throws saves one too. A `stopOn` request (Ctrl-C) writes a checkpoint,
 * then returns with status 'interrupted'. The store is opened before the run and closed
 * after it (`fileRunStore` takes the run directory's lock: a second writer is refused).
 * The loop itself touches no file, signal or thread API: those come from the caller
 * (`fileRunStore`, `processSignals`, `replicas`).
 *
 * @example
 * const result = await train({
 *   method, data: batchLoader({ size, batchSize: 256, load }),
 *   optimizer: new AdamW({ learningRate: 1e-3 }), steps: 1000, seed: 0,
 *   store: fileRunStore('runs/simclr'), resume: true, stopOn: processSignals, callbacks: [progressBar()],
 * });
 */
export async function train<Batch>(options: TrainOptions<Batch>): Promise<TrainResult> {
  // The store's open/close bracket the whole run (a file store holds the run directory's lock).
  await options.store?.open?.();
  try {
    return await trainWithStoreOpen(options);
  } finally {
    await options.store?.close?.();
  }
}

async function trainWithStoreOpen<Batch>(options: TrainOptions<Batch>): Promise<TrainResult> {
  const { method, data, optimizer } = options;
  const seed = options.seed ?? 0;
  const totalSteps = resolveTotalSteps(options);
  const checkpointEvery = options.checkpointEvery ?? 100;
  const callbacks = options.callbacks ?? [];
  const variables = method.trainableVariables();
  if (variables.length === 0) throw new Error(`train: method ${method.name} has no trainable variables`);

  let step = 0;
  let epoch = 0;
  let batchInEpoch = 0;
  let lastCheckpoint: string | undefined;
  const { store } = options;
  // Checkpoints known to this call (the one resumed from, those written), for the last good one after a divergence.
  const written: { step: number; path: string }[] = [];

  if (options.resume && store) {
    const checkpoint = await store.readLatestCheckpoint();
    if (checkpoint) {
      ({ step, epoch, batchInEpoch } = await restoreRun(checkpoint, method, optimizer, variables));
      lastCheckpoint = checkpoint.directory;
      written.push({ step, path: checkpoint.directory });
      await store.truncateMetrics(step);
      for (const callback of callbacks) await callback.onResume?.({ step, path: checkpoint.directory });
    }
  }
  // The newest checkpoint whose weights come before the divergence at `divergedStep`: verified on disk by the store when it can.
  const lastGoodBefore = async (divergedStep: number): Promise<string | undefined> => {
    if (store?.rewindTo) return store.rewindTo(divergedStep);
    return written.filter((checkpoint) => checkpoint.step < divergedStep).at(-1)?.path;
  };

  let interrupted = false;
  const releaseStop = options.stopOn?.(() => {
    interrupted = true;
  });

  // With workers, the moving statistics (batch norm's) move there: start them from ours, bring worker 0's back to save.
  const forwardState = movingStatistics(method);
  const statistics = options.replicas ? forwardState : [];
  if (options.replicas && statistics.length > 0) options.replicas.pushState(statistics);
  const pullReplicaState = async () => {
    if (options.replicas && statistics.length > 0) await options.replicas.pullState(statistics);
  };
  const saveCheckpoint = async () => {
    if (!store) return;
    await pullReplicaState();
    const { contents, release } = await checkpointContents(
      method,
      optimizer,
      variables,
      { step, epoch, batchInEpoch },
      {
        seed,
        totalSteps,
        method: method.name,
        config: options.config ?? {},
      },
    );
    try {
      // A diverged state is never saved: it would push the last good checkpoint out.
      const bad = nonFiniteTensor(contents);
      if (bad) {
        const detail = `${bad.name} holds ${bad.count} values that are not finite (NaN or Infinity)`;
        // Method state (and, on workers, moving statistics not checked every step) comes from the forward pass of the step before: its checkpoint is suspect too.
        const suspect = options.replicas || bad.group === 'method' ? step - 1 : step;
        throw new TrainingDivergedError(step, losses.at(-1) ?? Number.NaN, {}, await lastGoodBefore(suspect), detail);
      }
      lastCheckpoint = await store.writeCheckpoint(step, contents);
      written.push({ step, path: lastCheckpoint });
    } finally {
      release();
    }
    for (const callback of callbacks) await callback.onCheckpoint?.({ step, path: lastCheckpoint });
  };

  const evaluations = options.evaluate === undefined ? [] : [options.evaluate].flat();
  const losses: number[] = [];
  const started = performance.now();
  let iterator = startEpoch(data, epoch, seed, batchInEpoch);
  try {
    while (step < totalSteps && !interrupted) {
      let next: IteratorResult<Batch>;
      try {
        next = await iterator.next();
        if (next.done) {
          epoch += 1;
          batchInEpoch = 0;
          iterator = startEpoch(data, epoch, seed, 0);
          next = await iterator.next();
          if (next.done) throw new Error(`train: the data source yielded no batch for epoch ${epoch}`);
        }
      } catch (error) {
        // The steps done so far are sound: save them before giving up, so a resume loses nothing.
        if (lastCheckpointStep(lastCheckpoint) !== step) await saveCheckpoint();
        throw new DataSourceError(step, error as Error, lastCheckpoint);
      }
      const batch = next.value;
      const learningRate = options.schedule ? options.schedule(step) : readLearningRate(optimizer);
      if (options.schedule) setLearningRate(optimizer, learningRate);
      const stepSeed = deriveSeed(seed, step);
      const context: StepContext = { step, totalSteps, epoch, learningRate, seed: stepSeed, random: createRandom(stepSeed) };
      // With replicas, the inputs are prepared (augmentations and all) on this thread, from the step's random.
      const inputs = options.replicas ? tf.tidy(() => method.prepare(batch, context)) : undefined;
      const values = inputs
        ? await runParallelStep(method, inputs, context, variables, optimizer, options.clipGradientNorm, options.replicas!).finally(() =>
            tf.dispose(inputs),
          )
        : runStep(method, batch, context, variables, optimizer, options.clipGradientNorm);
      try {
        if (Number.isFinite(values.loss)) method.onStepEnd?.({ ...context, carry: values.carry });
      } finally {
        tf.dispose([batch as tf.TensorContainer, values.carry]);
      }
      // The moving statistics this forward pass updated come from the weights of `step` alone, whatever the learning rate:
      // checked every step on this thread (a few small vectors), and from the workers once the loss is not finite.
      if (!options.replicas || !Number.isFinite(values.loss)) {
        if (options.replicas) await pullReplicaState();
        const bad = nonFiniteVariable(forwardState);
        if (bad) {
          const detail = `the moving statistic '${bad.name}' holds ${bad.count} values that are not finite after the forward pass`;
          throw new TrainingDivergedError(step, values.loss, values.terms, await lastGoodBefore(step), detail);
        }
      }
      if (!Number.isFinite(values.loss)) throw new TrainingDivergedError(step, values.loss, values.terms, await lastGoodBefore(step));
      step += 1;
      batchInEpoch += 1;
      losses.push(values.loss);

      const elapsedSeconds = (performance.now() - started) / 1000;
      const report: StepReport = {
        step: step - 1,
        totalSteps,
        epoch,
        loss: values.loss,
        terms: values.terms,
        metrics: values.metrics,
        learningRate,
        elapsedSeconds,
        examplesPerSecond: options.batchSize ? (options.batchSize * losses.length) / elapsedSeconds : undefined,
      };
      let evaluation: Record<string, number> | undefined;
      try {
        evaluation = await runEvaluations(evaluations, step);
      } catch (error) {
        // The step itself is done: keep it (a checkpoint whose weights are not finite fails verification on load).
        if (lastCheckpointStep(lastCheckpoint) !== step) await saveCheckpoint();
        throw error;
      }
      const nonFinite = Object.entries(evaluation ?? {}).find(([, value]) => !Number.isFinite(value));
      if (nonFinite) {
        const detail = `the evaluation figure '${nonFinite[0]}' is ${nonFinite[1]} (the weights give values that are not finite)`;
        // The embeddings use the moving statistics of the step before, checked every step only on this thread.
        throw new TrainingDivergedError(step, values.loss, values.terms, await lastGoodBefore(options.replicas ? step - 1 : step), detail);
      }
      if (evaluation) report.evaluation = evaluation;
      await store?.appendMetrics({
        step,
        epoch,
        loss: values.loss,
        learningRate,
        ...values.terms,
        ...values.metrics,
        ...(evaluation ? { evaluation } : {}),
      });
      for (const callback of callbacks) await callback.onStep?.(report);
      if (step % checkpointEvery === 0 || step === totalSteps) await saveCheckpoint();
    }
    if (interrupted && lastCheckpointStep(lastCheckpoint) !== step) await saveCheckpoint();
  } finally {
    await iterator.return?.();
    releaseStop?.();
  }
  await pullReplicaState();
  const result: TrainResult = { status: interrupted ? 'interrupted' : 'completed', steps: step, losses, lastCheckpoint };
  for (const callback of callbacks) await callback.onEnd?.(result);
  return result;
}

function resolveTotalSteps(options: TrainOptions<unknown>): number {
  if (options.steps !== undefined) {
    if (!Number.isInteger(options.steps) || options.steps <= 0) throw new Error(`train: steps must be a positive integer, got ${options.steps}`);
    return options.steps;
  }
  if (options.epochs !== undefined) {
    if (!options.data.batchesPerEpoch) throw new Error('train: epochs needs a data source that knows its batchesPerEpoch; give steps instead');
    return options.epochs * options.data.batchesPerEpoch;
  }
  throw new Error('train: give either steps or epochs');
}

function startEpoch<Batch>(data: BatchSource<Batch>, epoch: number, seed: number, startBatch: number): AsyncIterator<Batch> {
  const source = data.epoch({ epoch, seed, startBatch });
  const asyncIterable = source as AsyncIterable<Batch>;
  if (typeof asyncIterable[Symbol.asyncIterator] === 'function') return asyncIterable[Symbol.asyncIterator]();
  const syncIterator = (source as Iterable<Batch>)[Symbol.iterator]();
  return {
    next: async () => syncIterator.next(),
    return: async () => syncIterator.return?.() ?? { done: true, value: undefined },
  };
}

function readLearningRate(optimizer: tf.Optimizer): number {
  const rate = (optimizer as unknown as { learningRate?: number }).learningRate;
  return typeof rate === 'number' ? rate : Number.NaN;
}

function setLearningRate(optimizer: tf.Optimizer, value: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = value;
}

function lastCheckpointStep(path: string | undefined): number | undefined {
  const match = path?.match(/step-(\d+)$/);
  return match ? Number(match[1]) : undefined;
}

async function runEvaluations(evaluations: Evaluation[], step: number): Promise<Record<string, number> | undefined> {
  const due = evaluations.filter((evaluation) => step % evaluation.every === 0);
  if (due.length === 0) return undefined;
  const figures: Record<string, number> = {};
  for (const evaluation of due) Object.assign(figures, await evaluation.run(step));
  return figures;
}
