import { existsSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AdamW,
  type RunStore,
  batchLoader,
  collapseMonitor,
  createRandom,
  initBackend,
  stratifiedSample,
  train,
  warmupCosineSchedule,
} from '@selfsup/core';
import {
  ParallelReplicas,
  type RunLock,
  fileRunStore,
  listCheckpointFolders,
  lockRunDirectory,
  processSignals,
  progressBar,
} from '@selfsup/core/node';
import { type ImagesBatch, SkippedImages, buildRecipe, viewsFor } from '@selfsup/vision';
import { checkResumeData } from './check-resume-data.js';
import { type CliDataset, type ImageSplit, openDataset } from './datasets.js';
import { encoderDataset, encoderInputFor } from './encoder-input.js';
import { type RunEvaluation, evaluateRun } from './evaluate-run.js';
import { PRETRAIN_LIMITS, type PretrainConfig } from './pretrain-config.js';
import { probeSkipReason } from './probe-classes.js';
import { type ResumeOverrides, logAndRecordOverrides } from './resume-overrides.js';
import { divergenceAdvice } from './divergence-advice.js';
import { diskFullAdvice } from './disk-full-advice.js';
import { strictDataAdvice } from './strict-data-advice.js';
import { outOfMemoryAdvice } from './out-of-memory-advice.js';
import { embedRows } from './probes.js';
import { writeReport } from './report/index.js';
import { RUN_FILES, writeFileAtomically } from './run-files.js';
import { nothingToResume, startOver } from './start-over.js';
import { UsageError } from './usage-error.js';
import { viewsGridPng } from './views-grid.js';
import { isTextMethod, pretrainText } from './text/run-text-pretrain.js';
import { isWordVectorMethod, pretrainWordVectors } from './text/run-word-vectors.js';
import { disposeAfterRun } from './dispose-after-run.js';

/** Test embeddings kept for the report's 2-D projection. */
export const PROJECTION_EXAMPLES = 2000;
/** Images the collapse monitor embeds at each of its evaluations. */
const MONITOR_EXAMPLES = 1024;

/** What `selfsup pretrain` prints and how it ended. */
export interface PretrainOutcome {
  status: 'completed' | 'interrupted';
  steps: number;
  evaluation?: RunEvaluation;
  /** Files that did not decode and were skipped (in training, the monitor or the probes). */
  skippedImages: string[];
}

/** How `runPretrain` runs and where it writes. */
export interface RunPretrainOptions {
  /** Continue the run in `config.out` from its newest checkpoint that verifies. */
  resume: boolean;
  /** Progress and results, one line at a time. */
  log: (line: string) => void;
  /** Warnings (a skipped image, a damaged checkpoint passed over). Default: `log`. */
  warn?: (line: string) => void;
  /**
   * Fail on the first image that does not decode instead of skipping it: the run saves a
   * checkpoint and throws an error naming the file (`--strict-data`). Default false.
   */
  strictData?: boolean;
  /**
   * On resume, train on a dataset whose fingerprint differs from the one stored in
   * config.json, with a warning line, instead of refusing (`--allow-other-data`). Default false.
   */
  allowOtherData?: boolean;
  /**
   * On resume, new values of the learning rate, steps or weight decay (`--resume DIR --lr
   * 1e-4`): `config` already holds them; they are recorded in config.json (`overrides`, with
   * the step they apply from) once the run is restored.
   */
  overrides?: ResumeOverrides;
  /**
   * A fresh run into a directory that holds a run deletes the old run's files (once the lock
   * is held) instead of refusing (`--overwrite`). Default false.
   */
  overwrite?: boolean;
}

/**
 * Runs `selfsup pretrain`: pretrains the configured method without labels, writing
 * config.json, metrics.jsonl and checkpoints to `config.out` (Ctrl-C saves and stops;
 * `resume` continues), then probes the encoder against the same encoder at random init,
 * prints the gain and writes evaluation.json, projection.json, the views grid and report.html.
 * An image that does not decode is skipped with one warning and counted (`skippedImages`
 * in metrics.jsonl and in the outcome); with `strictData` the run saves a checkpoint and
 * throws an error naming the file instead. The run directory is locked while the run
 * goes on (`run.lock`: PID, host, since when): a second writer is refused with a
 * `RunLockedError` (exit 2) naming the holder, a stale lock (its process gone) is taken
 * over with a warning, and the lock is released however the run ends.
 *
 * @example
 * const outcome = await runPretrain(resolvePretrainConfig([]), { resume: false, log: console.log });
 */
export async function runPretrain(config: PretrainConfig, options: RunPretrainOptions): Promise<PretrainOutcome> {
  const out = config.out;
  const created = !existsSync(out);
  await mkdir(out, { recursive: true });
  // One writer per run directory: a second one (a --resume while the run goes on) is refused here.
  const lock = await lockRunDirectory(out, { warn: options.warn ?? options.log });
  try {
    return await pretrainLocked(config, options, lock);
  } finally {
    await lock.release();
    // A run refused before it wrote anything leaves no empty folder behind.
    if (created) await rmdir(out).catch(() => {});
  }
}

/** `runPretrain` once the run directory's lock is held. */
async function pretrainLocked(config: PretrainConfig, options: RunPretrainOptions, lock: RunLock): Promise<PretrainOutcome> {
  const { log } = options;
  const warn = options.warn ?? log;
  const out = config.out;
  if (!options.resume && (await startOver(out, { overwrite: options.overwrite === true }))) {
    warn(`selfsup: --overwrite: deleted the run that was in '${out}' (its checkpoints, metrics and results)`);
  }
  // Resuming a run that has no checkpoint would silently start it over from step 0.
  if (options.resume && (await listCheckpointFolders(join(out, RUN_FILES.checkpoints))).length === 0) {
    throw nothingToResume(out);
  }
  if (isTextMethod(config.method)) return pretrainText(config, options, lock);
  if (isWordVectorMethod(config.method)) return pretrainWordVectors(config, options, lock);
  const backend = await initBackend();
  const skipped = new SkippedImages({ strict: options.strictData, warn });
  const dataset = await openDataset(config.dataset, { imageSize: config.imageSize, channels: config.channels, skipped, warn });
  if (dataset.train.count === 0) throw new UsageError(`dataset '${config.dataset}' has no images`);
  if (config.batchSize > dataset.train.count) {
    throw new UsageError(
      `--batch-size ${config.batchSize} is larger than the training split of '${config.dataset}' (${dataset.train.count} images); give --batch-size ${dataset.train.count} or less`,
    );
  }
  const input = encoderInputFor(config.method, dataset.shape);
  const batchesPerEpoch = Math.ceil(dataset.train.count / config.batchSize);
  const totalSteps = config.steps ?? (config.epochs ?? 1) * batchesPerEpoch;
  if (totalSteps > PRETRAIN_LIMITS.maxSteps) {
    throw new UsageError(
      `--epochs ${config.epochs} of ${batchesPerEpoch} steps each make ${totalSteps.toLocaleString('en-US')} steps, more than the most a run takes (${PRETRAIN_LIMITS.maxSteps.toLocaleString('en-US')})`,
    );
  }
  const probeSkipped = probeSkipReason(dataset);
  if (options.resume) await checkResumeData(config, dataset.fingerprint, options);
  else {
    // Lines of an attempt killed before its first checkpoint: nothing to resume, so nothing to keep.
    await rm(join(out, RUN_FILES.metrics), { force: true });
    // MNIST has its own size and channels: the folder options would only mislead there.
    const { imageSize, channels, ...common } = config;
    const stored = { ...common, ...(dataset.name === 'mnist' ? {} : dataset.name === 'emoji' ? { imageSize } : { imageSize, channels }) };
    const record = {
      ...stored,
      totalSteps,
      imageShape: dataset.shape,
      encoderInput: input,
      classes: dataset.classes,
      datasetFingerprint: dataset.fingerprint,
      createdAt: new Date().toISOString(),
    };
    await writeFileAtomically(join(out, RUN_FILES.config), `${JSON.stringify(record, null, 2)}\n`);
  }
  // Every core by default: worker threads share each step, each on a slice of the batch.
  const workers = Math.min(config.workers, config.batchSize);
  log(
    `selfsup: ${config.method} on ${dataset.name} (${dataset.train.count} images ${dataset.shape.join('x')}), ${config.backbone}, ${totalSteps} steps of ${config.batchSize}, ${backend.name} backend, ${workers} worker${workers === 1 ? '' : 's'} -> ${out}`,
  );

  const { encoder, method } = buildRecipe({
    method: config.method,
    backbone: config.backbone,
    imageShape: dataset.shape,
    totalSteps,
    seed: config.seed,
  });
  const probed = encoderDataset(input, dataset);
  const replicas = workers > 1 ? await ParallelReplicas.forMethod(method, { workers }) : undefined;
  let trainedSteps: number | undefined;
  const overrides = options.resume && options.overrides && Object.keys(options.overrides).length > 0 ? options.overrides : undefined;
  let failed = false;
  try {
    if (!options.resume) await writeViewsGrid(dataset, config, out);
    // The monitor and the projection see a stratified sample: a folder's splits are sorted by class.
    const monitorSplit = probed.test ?? probed.train;
    const monitorRows = sampleRows(monitorSplit, MONITOR_EXAMPLES, config.seed);
    const result = await train({
      method,
      data: batchLoader<ImagesBatch>({
        size: dataset.train.count,
        batchSize: config.batchSize,
        load: async (indices) => ({ images: (await dataset.train.load(indices, { refill: true })).images }),
        dispose: () => {},
      }),
      optimizer: new AdamW({ learningRate: config.learningRate, weightDecay: config.weightDecay }),
      schedule: warmupCosineSchedule({ baseValue: config.learningRate, totalSteps, warmupSteps: Math.ceil(totalSteps / 20) }),
      steps: totalSteps,
      seed: config.seed,
      batchSize: config.batchSize,
      store: countingSkippedImages(fileRunStore(out, { warn, lock }), skipped),
      stopOn: processSignals,
      checkpointEvery: config.checkpointEvery,
      resume: options.resume,
      config: { ...config },
      evaluate: collapseMonitor({
        embed: () => embedRows(encoder, monitorSplit, monitorRows),
        every: config.monitorEvery,
        warn: (line) => log(line),
      }),
      callbacks: [
        progressBar(),
        {
          async onResume({ step }) {
            await logAndRecordOverrides(out, overrides, { fromStep: step, totalSteps }, log);
          },
        },
      ],
      replicas,
    });
    trainedSteps = result.steps;
    if (result.status === 'interrupted') {
      log(`selfsup: interrupted at step ${result.steps}/${totalSteps}; checkpoint saved. Continue with: selfsup pretrain --resume ${out}`);
      // Stopped before its first step, a run has no metrics to report yet.
      if (existsSync(join(out, RUN_FILES.metrics))) await writeReport(out, { warn });
      logSkipped(skipped, log);
      return { status: 'interrupted', steps: result.steps, skippedImages: skipped.files };
    }
    let evaluation: RunEvaluation | undefined;
    if (probed.test && probeSkipped === null) {
      evaluation = await evaluateRun(encoder, probed, config, log);
      await writeFileAtomically(join(out, RUN_FILES.evaluation), `${JSON.stringify(evaluation, null, 2)}\n`);
      const projectionRows = sampleRows(probed.test, PROJECTION_EXAMPLES, config.seed);
      const projection = await embedRows(encoder, probed.test, projectionRows);
      const embeddings = Array.from({ length: projection.count }, (_, i) =>
        Array.from(projection.values.subarray(i * projection.dimension, (i + 1) * projection.dimension), (v) => Number(v.toPrecision(5))),
      );
      const labels = Array.from(projection.rows, (row) => probed.test!.labels![row]);
      await writeFileAtomically(join(out, RUN_FILES.projection), JSON.stringify({ labels, classes: dataset.classes, embeddings }));
    } else {
      log(`selfsup: ${probeSkipped}; the encoder is in ${out}/${RUN_FILES.checkpoints}`);
    }
    log(`selfsup: report: ${await writeReport(out, { warn })}`);
    logSkipped(skipped, log);
    return { status: 'completed', steps: result.steps, evaluation, skippedImages: skipped.files };
  } catch (error) {
    failed = true;
    const explained = await diskFullAdvice(await divergenceAdvice(await strictDataAdvice(error, out), config, trainedSteps), out);
    throw outOfMemoryAdvice(explained, { batchSize: config.batchSize, imageShape: dataset.shape, workers });
  } finally {
    await disposeAfterRun([() => replicas?.dispose(), () => method.dispose(), () => encoder.dispose()], failed);
  }
}

/** The store, with the run's count of skipped images on every metrics line once there is one. */
function countingSkippedImages(store: RunStore, skipped: SkippedImages): RunStore {
  return {
    ...store,
    appendMetrics: (record) => store.appendMetrics(skipped.count > 0 ? { ...record, skippedImages: skipped.count } : record),
  };
}

/** The run's summary of skipped images, after their warnings. */
function logSkipped(skipped: SkippedImages, log: (line: string) => void): void {
  if (skipped.count === 0) return;
  log(`selfsup: skipped ${skipped.count} image${skipped.count === 1 ? '' : 's'} that did not decode: ${skipped.files.join(', ')}`);
}

/** A seeded sample of `count` rows of a split: stratified by class when it has labels, else its first rows. */
function sampleRows(split: ImageSplit, count: number, seed: number): Int32Array {
  if (split.labels) return stratifiedSample({ labels: split.labels, count, seed });
  return Int32Array.from({ length: Math.min(count, split.count) }, (_, i) => i);
}

/** Writes a grid of 8 images and three random views of each (the recipe the method trains on). */
async function writeViewsGrid(dataset: CliDataset, config: PretrainConfig, out: string): Promise<void> {
  const { images: originals } = await dataset.train.load(
    Array.from({ length: Math.min(8, dataset.train.count) }, (_, i) => i),
    { refill: true },
  );
  const random = createRandom(config.seed);
  const { view } = viewsFor(dataset.shape);
  const rows = [originals, view(originals, random), view(originals, random), view(originals, random)];
  await writeFileAtomically(join(out, RUN_FILES.augmentedViews), await viewsGridPng(rows, dataset.shape[0] <= 32 ? 3 : 1));
}
