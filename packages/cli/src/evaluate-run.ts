import type * as tf from '@selfsup/core/tf';
import { encoderFor } from '@selfsup/vision';
import type { CliDataset } from './datasets.js';
import type { PretrainConfig } from './pretrain-config.js';
import { type ProbeAccuracies, RAW_PIXELS_MAX_DIMENSION, probeEncoder, probeRawPixels, rawPixelDimension } from './probes.js';

/** DIR/evaluation.json: probe accuracies of the pretrained encoder, the random-init encoder and the raw pixels. */
export interface RunEvaluation {
  method: string;
  dataset: string;
  /** Training images the probes were fitted on (a stratified sample of the training split). */
  probeTrainCount: number;
  testCount: number;
  /** `rawPixels` is null when an image has more than RAW_PIXELS_MAX_DIMENSION values. */
  results: { pretrained: ProbeAccuracies; randomInit: ProbeAccuracies; rawPixels: ProbeAccuracies | null };
  /** Pretrained minus random init. */
  gain: ProbeAccuracies;
}

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)} points`;

/**
 * Probes the pretrained encoder, the same backbone at random init (same seed) and the raw
 * pixels, all on the same stratified sample of training images and the whole test split,
 * and prints the three rows and the gain over random init.
 *
 * @example
 * const evaluation = await evaluateRun(encoder, probed, config, console.log);
 * console.log(evaluation.results.rawPixels?.linear);
 */
export async function evaluateRun(
  encoder: tf.LayersModel,
  dataset: CliDataset,
  config: PretrainConfig,
  log: (line: string) => void,
): Promise<RunEvaluation> {
  const probeTrainCount = Math.min(config.probeTrain, dataset.train.count);
  const sample = probeTrainCount < dataset.train.count ? 'a stratified sample of ' : '';
  log(`selfsup: probing on ${sample}${probeTrainCount} training and ${dataset.test!.count} test images ...`);
  const options = { probeTrain: config.probeTrain, seed: config.seed };
  const pretrained = (await probeEncoder(encoder, dataset, options)) as ProbeAccuracies;
  const baseline = encoderFor({ method: config.method, backbone: config.backbone, imageShape: dataset.shape, totalSteps: 1, seed: config.seed });
  const randomInit = (await probeEncoder(baseline, dataset, options).finally(() => baseline.dispose())) as ProbeAccuracies;
  const rawPixels = (await probeRawPixels(dataset, options)) as ProbeAccuracies | null;
  const gain = { linear: pretrained.linear - randomInit.linear, knn: pretrained.knn - randomInit.knn };
  const row = (name: string, accuracies: ProbeAccuracies) =>
    `  ${name.padEnd(15)}${percent(accuracies.linear).padStart(12)}   ${percent(accuracies.knn).padStart(11)}`;
  log('');
  log(`                 linear probe   kNN (k=200)`);
  log(row('pretrained', pretrained));
  log(row('random init', randomInit));
  log(
    rawPixels
      ? row('raw pixels', rawPixels)
      : `  raw pixels     not measured (${rawPixelDimension(dataset)} values per image, more than ${RAW_PIXELS_MAX_DIMENSION})`,
  );
  log(`  gain           ${points(gain.linear)}, ${points(gain.knn)}`);
  log('');
  return {
    method: config.method,
    dataset: dataset.name,
    probeTrainCount,
    testCount: dataset.test!.count,
    results: { pretrained, randomInit, rawPixels },
    gain,
  };
}
