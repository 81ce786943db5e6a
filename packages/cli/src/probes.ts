import * as tf from '@selfsup/core/tf';
import {
  type Encoder,
  type FeatureMatrix,
  KNN_LIGHTLY,
  countNonFinite,
  extractEmbeddings,
  knnEvaluate,
  linearProbe,
  stratifiedSample,
} from '@selfsup/core';
import { NonFiniteEmbeddingsError } from './divergence-advice.js';
import type { CliDataset, ImageSplit } from './datasets.js';
import type { ProbeAccuracies } from './report/run-files.js';

export type { ProbeAccuracies } from './report/run-files.js';

export const PROBES = ['linear', 'knn'] as const;
export type ProbeName = (typeof PROBES)[number];

/** Images per batch when embedding a split. */
const EMBED_BATCH = 256;

/**
 * The raw-pixel baseline's "encoder": each image flattened, so the probes see the pixels
 * the encoder is given (lightness for colorization) and nothing learned.
 *
 * Shape: [B, H, W, C] -> [B, H * W * C].
 *
 * @example
 * const raw = await probeEncoder(RAW_PIXELS, dataset, { probeTrain: 10_000, seed: 0 });
 */
export const RAW_PIXELS: Encoder = (images) => tf.reshape(images, [images.shape[0], -1]); // [B, H W C]

/**
 * Above this many values per image the raw-pixel baseline is not measured: its features
 * would take count x H x W x C floats and the kNN's similarities grow with them (a
 * 64x64x1 or 32x32x3 image fits; 10,000 x 10,000 kNN on 3,072-d pixels is about 20 s).
 */
export const RAW_PIXELS_MAX_DIMENSION = 4096;

/** Embeddings of some rows of a split: feature row i is the image at split row `rows[i]`. */
export interface EmbeddedRows extends FeatureMatrix {
  rows: Int32Array;
}

/**
 * Embeds the images at `rows` of a split (in that order) with a frozen encoder (inference
 * mode). An image that does not decode is skipped (one warning, counted by the split's
 * loader): `rows` of the result lists the rows embedded, to pair features with labels.
 *
 * @example
 * const features = await embedRows(encoder, dataset.train, [0, 5, 9]); // { values, count: 3, dimension: 128, rows: [0, 5, 9] }
 */
export async function embedRows(encoder: Encoder, split: ImageSplit, rows: ArrayLike<number>): Promise<EmbeddedRows> {
  const embedded: number[] = [];
  async function* batches() {
    for (let start = 0; start < rows.length; start += EMBED_BATCH) {
      const loaded = await split.load(Array.from({ length: Math.min(EMBED_BATCH, rows.length - start) }, (_, i) => rows[start + i]));
      if (loaded.rows.length === 0) continue;
      embedded.push(...loaded.rows);
      const { images } = loaded;
      yield tf.tensor4d(images.data, [images.batch, images.height, images.width, images.channels]); // [B, H, W, C]
    }
  }
  const features = await extractEmbeddings(encoder, batches(), { disposeInputs: true });
  return { ...features, rows: Int32Array.from(embedded) };
}

/**
 * Embeds the first `count` images of a split with a frozen encoder (inference mode).
 *
 * @example
 * const features = await embedSplit(encoder, dataset.test!, 2000); // { values, count: 2000, dimension: 128, rows }
 */
export async function embedSplit(encoder: Encoder, split: ImageSplit, count = split.count): Promise<EmbeddedRows> {
  return embedRows(
    encoder,
    split,
    Array.from({ length: Math.min(count, split.count) }, (_, i) => i),
  );
}

/**
 * The training rows the probes are fitted on: a stratified sample of `probeTrain` rows
 * seeded by the run seed (every class in proportion, sorted; all rows when `probeTrain`
 * covers the split). Not the first rows: an image folder's split is sorted by class.
 *
 * @example
 * const rows = probeTrainRows(dataset.train, { probeTrain: 10_000, seed: 0 }); // Int32Array, sorted
 */
export function probeTrainRows(split: ImageSplit, options: { probeTrain: number; seed: number }): Int32Array {
  if (!split.labels) throw new Error('probeTrainRows: the training split has no labels');
  return stratifiedSample({ labels: split.labels, count: options.probeTrain, seed: options.seed });
}

/**
 * Probes a frozen encoder on a labelled dataset: a linear probe (logistic regression on
 * standardised features, weight decay picked on a validation split) and a weighted kNN
 * (k = 200, t = 0.1), both fitted on the same stratified sample of `probeTrain` training
 * images (`probeTrainRows`) and scored on the whole test split; an image that does not
 * decode is left out of both (with its label); embeddings that hold NaN or Infinity throw a
 * `NonFiniteEmbeddingsError` (the encoder diverged). The features are the
 * encoder's output, what `selfsup embed` writes; pass `RAW_PIXELS` for the raw-pixel baseline.
 *
 * @example
 * const pretrained = await probeEncoder(encoder, dataset, { probeTrain: 10_000, seed: 0 });
 * console.log(pretrained.linear, pretrained.knn);
 */
export async function probeEncoder(
  encoder: Encoder,
  dataset: CliDataset,
  options: { probeTrain: number; seed: number; probes?: readonly ProbeName[] },
): Promise<Partial<ProbeAccuracies>> {
  const { train, test } = dataset;
  if (!test || !train.labels || !test.labels) throw new Error(`probeEncoder: dataset '${dataset.name}' has no labels to probe with`);
  const probes = options.probes ?? PROBES;
  const trainFeatures = await embedRows(encoder, train, probeTrainRows(train, options));
  const testFeatures = await embedSplit(encoder, test);
  const nonFinite = countNonFinite(trainFeatures.values) + countNonFinite(testFeatures.values);
  if (nonFinite > 0) throw new NonFiniteEmbeddingsError(nonFinite, `the probes' images of '${dataset.name}'`);
  const trainLabels = Int32Array.from(trainFeatures.rows, (row) => train.labels![row]);
  const testLabels = Int32Array.from(testFeatures.rows, (row) => test.labels![row]);
  const common = { trainFeatures, trainLabels, testFeatures, testLabels, numClasses: dataset.classes.length };
  const result: Partial<ProbeAccuracies> = {};
  if (probes.includes('linear')) result.linear = (await linearProbe({ ...common, seed: options.seed })).accuracy;
  if (probes.includes('knn')) result.knn = (await knnEvaluate({ ...common, ...KNN_LIGHTLY })).accuracy;
  return result;
}

/**
 * The raw-pixel baseline: the same probes on the flattened pixels of the same sample
 * (`RAW_PIXELS`), or null when an image has more than `RAW_PIXELS_MAX_DIMENSION` values.
 *
 * @example
 * const raw = await probeRawPixels(dataset, { probeTrain: 10_000, seed: 0 }); // { linear, knn } or null
 */
export async function probeRawPixels(
  dataset: CliDataset,
  options: { probeTrain: number; seed: number; probes?: readonly ProbeName[] },
): Promise<Partial<ProbeAccuracies> | null> {
  if (rawPixelDimension(dataset) > RAW_PIXELS_MAX_DIMENSION) return null;
  return probeEncoder(RAW_PIXELS, dataset, options);
}

/**
 * Values per image the raw-pixel probes would see (H * W * C of the encoder's input).
 *
 * @example
 * rawPixelDimension(mnist); // 784
 */
export function rawPixelDimension(dataset: CliDataset): number {
  return dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
}
