import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AdamW, batchLoader, collapseMonitor, createRandom, initBackend, progressBar, train, warmupCosineSchedule } from '@selfsup/core';
import type { ImagesBatch } from '@selfsup/vision';
import { buildBackbone } from './backbones.js';
import { type CliDataset, openDataset } from './datasets.js';
import { encoderDataset, encoderInputFor, encoderShape } from './encoder-input.js';
import { type RunEvaluation, evaluateRun } from './evaluate-run.js';
import { buildMethod, viewsFor } from './methods.js';
import type { PretrainConfig } from './pretrain-config.js';
import { embedSplit } from './probes.js';
import { writeReport } from './report/index.js';
import { RUN_FILES, writeFileAtomically } from './run-files.js';
import { UsageError } from './usage-error.js';
import { viewsGridPng } from './views-grid.js';

/** Test embeddings kept for the report's 2-D projection. */
export const PROJECTION_EXAMPLES = 2000;
/** Images the collapse monitor embeds at each of its evaluations. */
const MONITOR_EXAMPLES = 1024;

/** What `selfsup pretrain` prints and how it ended. */
export interface PretrainOutcome {
  status: 'completed' | 'interrupted';
  steps: number;
  evaluation?: RunEvaluation;
}

/**
 * Runs `selfsup pretrain`: pretrains the configured method without labels, writing
 * config.json, metrics.jsonl and checkpoints to `config.out` (Ctrl-C saves and stops;
 * `resume` continues), then probes the encoder against the same encoder at random init,
 * prints the gain and writes evaluation.json, projection.json, the views grid and report.html.
 *
 * @example
 * const outcome = await runPretrain(resolvePretrainConfig([]), { resume: false, log: console.log });
 */
export async function runPretrain(config: PretrainConfig, options: { resume: boolean; log: (line: string) => void }): Promise<PretrainOutcome> {
  const { log } = options;
  const out = config.out;
  if (!options.resume && existsSync(join(out, RUN_FILES.checkpoints))) {
    throw new UsageError(`--out '${out}' already holds a run; continue it with 'selfsup pretrain --resume ${out}' or choose another --out`);
  }
  const backend = await initBackend();
  const dataset = await openDataset(config.dataset, { imageSize: config.imageSize, channels: config.channels });
  if (dataset.train.count === 0) throw new UsageError(`dataset '${config.dataset}' has no images`);
  const input = encoderInputFor(config.method, dataset.shape);
  const batchesPerEpoch = Math.ceil(dataset.train.count / config.batchSize);
  const totalSteps = config.steps ?? (config.epochs ?? 1) * batchesPerEpoch;
  await mkdir(out, { recursive: true });
  if (!options.resume) {
    // MNIST has its own size and channels: the folder options would only mislead there.
    const { imageSize, channels, ...common } = config;
    const stored = { ...common, ...(dataset.name === 'mnist' ? {} : dataset.name === 'emoji' ? { imageSize } : { imageSize, channels }) };
    const record = { ...stored, totalSteps, imageShape: dataset.shape, encoderInput: input, classes: dataset.classes, createdAt: new Date().toISOString() };
    await writeFileAtomically(join(out, RUN_FILES.config), `${JSON.stringify(record, null, 2)}\n`);
  }
  log(`selfsup: ${config.method} on ${dataset.name} (${dataset.train.count} images ${dataset.shape.join('x')}), ${config.backbone}, ${totalSteps} steps of ${config.batchSize}, ${backend.name} backend -> ${out}`);

  const encoder = buildBackbone(config.backbone, encoderShape(input, dataset.shape), config.seed);
  const probed = encoderDataset(input, dataset);
  const method = await buildMethod(config.method, { encoder, shape: dataset.shape, totalSteps, seed: config.seed });
  try {
    if (!options.resume) await writeViewsGrid(dataset, config, out);
    const monitorSplit = probed.test ?? probed.train;
    const result = await train({
      method,
      data: batchLoader<ImagesBatch>({ size: dataset.train.count, batchSize: config.batchSize, load: async (indices) => ({ images: await dataset.train.load(indices) }), dispose: () => {} }),
      optimizer: new AdamW({ learningRate: config.learningRate, weightDecay: config.weightDecay }),
      schedule: warmupCosineSchedule({ baseValue: config.learningRate, totalSteps, warmupSteps: Math.ceil(totalSteps / 20) }),
      steps: totalSteps,
      seed: config.seed,
      batchSize: config.batchSize,
      checkpointDir: out,
      checkpointEvery: config.checkpointEvery,
      resume: options.resume,
      config: { ...config },
      evaluate: collapseMonitor({ embed: () => embedSplit(encoder, monitorSplit, MONITOR_EXAMPLES), every: config.monitorEvery, warn: (line) => log(line) }),
      callbacks: [progressBar()],
    });
    if (result.status === 'interrupted') {
      log(`selfsup: interrupted at step ${result.steps}/${totalSteps}; checkpoint saved. Continue with: selfsup pretrain --resume ${out}`);
      // Stopped before its first step, a run has no metrics to report yet.
      if (existsSync(join(out, RUN_FILES.metrics))) await writeReport(out);
      return { status: 'interrupted', steps: result.steps };
    }
    let evaluation: RunEvaluation | undefined;
    if (probed.test) {
      evaluation = await evaluateRun(encoder, probed, config, log);
      await writeFileAtomically(join(out, RUN_FILES.evaluation), `${JSON.stringify(evaluation, null, 2)}\n`);
      const projection = await embedSplit(encoder, probed.test, PROJECTION_EXAMPLES);
      const embeddings = Array.from({ length: projection.count }, (_, i) => Array.from(projection.values.subarray(i * projection.dimension, (i + 1) * projection.dimension), (v) => Number(v.toPrecision(5))));
      const labels = Array.from(probed.test.labels!.subarray(0, projection.count));
      await writeFileAtomically(join(out, RUN_FILES.projection), JSON.stringify({ labels, classes: dataset.classes, embeddings }));
    } else {
      log(`selfsup: '${dataset.name}' has no class sub-folders, so there is nothing to probe; the encoder is in ${out}/${RUN_FILES.checkpoints}`);
    }
    log(`selfsup: report: ${await writeReport(out)}`);
    return { status: 'completed', steps: result.steps, evaluation };
  } finally {
    method.dispose();
    encoder.dispose();
  }
}

/** Writes a grid of 8 images and three random views of each (the recipe the method trains on). */
async function writeViewsGrid(dataset: CliDataset, config: PretrainConfig, out: string): Promise<void> {
  const originals = await dataset.train.load(Array.from({ length: Math.min(8, dataset.train.count) }, (_, i) => i));
  const random = createRandom(config.seed);
  const { view } = viewsFor(dataset.shape);
  const rows = [originals, view(originals, random), view(originals, random), view(originals, random)];
  await writeFileAtomically(join(out, RUN_FILES.augmentedViews), await viewsGridPng(rows, dataset.shape[0] <= 32 ? 3 : 1));
}
