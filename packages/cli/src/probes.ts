import * as tf from '@tensorflow/tfjs';
import { type FeatureMatrix, KNN_LIGHTLY, extractEmbeddings, knnEvaluate, linearProbe } from '@selfsup/core';
import type { CliDataset, ImageSplit } from './datasets.js';
import type { ProbeAccuracies } from './report/run-files.js';

export type { ProbeAccuracies } from './report/run-files.js';

export const PROBES = ['linear', 'knn'] as const;
export type ProbeName = (typeof PROBES)[number];

/** Images per batch when embedding a split. */
const EMBED_BATCH = 256;

/**
 * Embeds the first `count` images of a split with a frozen encoder (inference mode).
 *
 * @example
 * const features = await embedSplit(encoder, dataset.test!, 2000); // { values, count: 2000, dimension: 128 }
 */
export async function embedSplit(encoder: tf.LayersModel, split: ImageSplit, count = split.count): Promise<FeatureMatrix> {
  const total = Math.min(count, split.count);
  async function* batches() {
    for (let start = 0; start < total; start += EMBED_BATCH) {
      const images = await split.load(Array.from({ length: Math.min(EMBED_BATCH, total - start) }, (_, i) => start + i));
      yield tf.tensor4d(images.data, [images.batch, images.height, images.width, images.channels]); // [B, H, W, C]
    }
  }
  return extractEmbeddings(encoder, batches(), { disposeInputs: true });
}

/**
 * Probes a frozen encoder on a labelled dataset: a linear probe (logistic regression, weight
 * decay picked on a validation split) and a weighted kNN (k = 200, t = 0.1), both fitted on
 * the first `probeTrain` training images and scored on the whole test split.
 *
 * @example
 * const pretrained = await probeEncoder(encoder, dataset, { probeTrain: 10_000, seed: 0 });
 * console.log(pretrained.linear, pretrained.knn);
 */
export async function probeEncoder(
  encoder: tf.LayersModel,
  dataset: CliDataset,
  options: { probeTrain: number; seed: number; probes?: readonly ProbeName[] },
): Promise<Partial<ProbeAccuracies>> {
  const { train, test } = dataset;
  if (!test || !train.labels || !test.labels) throw new Error(`probeEncoder: dataset '${dataset.name}' has no labels to probe with`);
  const probes = options.probes ?? PROBES;
  const trainFeatures = await embedSplit(encoder, train, options.probeTrain);
  const testFeatures = await embedSplit(encoder, test);
  const common = {
    trainFeatures,
    trainLabels: train.labels.subarray(0, trainFeatures.count),
    testFeatures,
    testLabels: test.labels,
    numClasses: dataset.classes.length,
  };
  const result: Partial<ProbeAccuracies> = {};
  if (probes.includes('linear')) result.linear = (await linearProbe({ ...common, seed: options.seed })).accuracy;
  if (probes.includes('knn')) result.knn = (await knnEvaluate({ ...common, ...KNN_LIGHTLY })).accuracy;
  return result;
}
