import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { assertInteger, assertPositiveNumber } from '../validation/index.js';
import { type Features, featuresToTensor, type Labels, readFeatures, readLabels, readShape } from './feature-matrix.js';

/** lightly's kNN benchmark (the default): k = 200 neighbours, temperature 0.1. */
export const KNN_LIGHTLY = Object.freeze({ k: 200, temperature: 0.1 });

/** solo-learn's kNN evaluation: k = 20 neighbours, temperature 0.07. */
export const KNN_SOLO_LEARN = Object.freeze({ k: 20, temperature: 0.07 });

/** Defaults of `knnClassify` and `knnEvaluate`. */
export const KNN_DEFAULTS = Object.freeze({
  /** Neighbours that vote: lightly's benchmark (`KNN_LIGHTLY`). */
  k: KNN_LIGHTLY.k,
  /** Vote weight exp(similarity / temperature): lightly's benchmark (`KNN_LIGHTLY`). */
  temperature: KNN_LIGHTLY.temperature,
  /** Test rows whose similarities to all training rows are computed at once: 256 x 60,000 floats = 61 MB. */
  chunkSize: 256,
});

export interface KnnClassifyOptions {
  /** [N, D] frozen features of the labelled (training) set. */
  trainFeatures: Features;
  /** [N] class of each training row, integers in [0, numClasses). */
  trainLabels: Labels;
  /** [M, D] features to classify. */
  testFeatures: Features;
  /** Neighbours that vote. Default 200 (`KNN_LIGHTLY`); capped at N. */
  k?: number;
  /** Vote weight = exp(cosine similarity / temperature). Default 0.1 (`KNN_LIGHTLY`). */
  temperature?: number;
  /** Number of classes. Default: largest training label + 1. */
  numClasses?: number;
  /** Test rows per similarity block [chunkSize, N]. Default 256. */
  chunkSize?: number;
}

export interface KnnEvaluateOptions extends KnnClassifyOptions {
  /** [M] true class of each test row. */
  testLabels: Labels;
}

export interface KnnEvaluation {
  /** Fraction of test rows whose predicted class equals their label, in [0, 1]. */
  accuracy: number;
  /** Number of correctly classified test rows. */
  correct: number;
  /** Number of test rows. */
  total: number;
  /** [M] predicted class of each test row. */
  predictions: Int32Array;
}

/**
 * Weighted k-nearest-neighbour classification on frozen features, as in InstDisc and
 * the kNN monitors of lightly and solo-learn.
 *
 * Train and test features are L2-normalised; for each test row the k training rows of
 * highest cosine similarity s_j vote for their class with weight exp(s_j / temperature);
 * the prediction is the class with the largest summed weight (ties: the lowest class
 * index). Test rows are processed `chunkSize` at a time, so at most a [chunkSize, N]
 * block of similarities exists at once (never the full [M, N] matrix).
 *
 * Reference: Wu et al. 2018, "Unsupervised Feature Learning via Non-Parametric Instance
 * Discrimination"; defaults of lightly (k = 200, t = 0.1) and solo-learn (k = 20, t = 0.07).
 *
 * @returns [M] predicted classes.
 *
 * @example
 * const predictions = knnClassify({ trainFeatures, trainLabels, testFeatures, ...KNN_SOLO_LEARN });
 */
export function knnClassify(options: KnnClassifyOptions): Int32Array {
  return classify('knnClassify', options);
}

/**
 * Weighted kNN accuracy of frozen test features (the protocol of `knnClassify`, then
 * the fraction of test rows whose prediction equals their label).
 *
 * Reference: Wu et al. 2018 (InstDisc); lightly's kNN benchmark uses `KNN_LIGHTLY`
 * (k = 200, t = 0.1), solo-learn `KNN_SOLO_LEARN` (k = 20, t = 0.07).
 *
 * @example
 * const train = await extractEmbeddings(backbone, trainImages);
 * const test = await extractEmbeddings(backbone, testImages);
 * const { accuracy } = knnEvaluate({
 *   trainFeatures: train, trainLabels, testFeatures: test, testLabels, ...KNN_LIGHTLY,
 * });
 */
export function knnEvaluate(options: KnnEvaluateOptions): KnnEvaluation {
  const fn = 'knnEvaluate';
  const [testCount] = readShape(fn, 'testFeatures', options.testFeatures);
  const testLabels = readLabels(fn, 'testLabels', options.testLabels, testCount);
  const predictions = classify(fn, options);
  let correct = 0;
  for (let i = 0; i < testCount; i++) if (predictions[i] === testLabels[i]) correct++;
  return { accuracy: correct / testCount, correct, total: testCount, predictions };
}

function classify(fn: string, options: KnnClassifyOptions): Int32Array {
  if (options === null || typeof options !== 'object') {
    throw new Error(`${fn}: expected an options object {trainFeatures, trainLabels, testFeatures, ...}`);
  }
  const [trainCount, dimension] = readShape(fn, 'trainFeatures', options.trainFeatures);
  const [testCount, testDimension] = readShape(fn, 'testFeatures', options.testFeatures);
  if (testDimension !== dimension) {
    throw new Error(`${fn}: testFeatures must be [M, ${dimension}] (the D of trainFeatures), got [${testCount}, ${testDimension}]`);
  }
  const k = options.k ?? KNN_DEFAULTS.k;
  const temperature = options.temperature ?? KNN_DEFAULTS.temperature;
  const chunkSize = options.chunkSize ?? KNN_DEFAULTS.chunkSize;
  assertInteger(fn, 'k', k, 1);
  assertPositiveNumber(fn, 'temperature', temperature);
  assertInteger(fn, 'chunkSize', chunkSize, 1);
  if (options.numClasses !== undefined) assertInteger(fn, 'numClasses', options.numClasses, 1);
  const trainLabels = readLabels(fn, 'trainLabels', options.trainLabels, trainCount, options.numClasses);
  const numClasses = options.numClasses ?? trainLabels.reduce((max, label) => Math.max(max, label), 0) + 1;
  const neighbours = Math.min(k, trainCount);

  const train = featuresToTensor(fn, 'trainFeatures', options.trainFeatures);
  // Test rows are read into JavaScript and uploaded chunk by chunk: on wasm, tf.slice
  // copies its whole source tensor, so slicing chunks of a big test tensor is slow.
  const test = readFeatures(fn, 'testFeatures', options.testFeatures);
  // [D, N]: transposed once, because matMul with transposeB is much slower on wasm.
  const trainTransposed = tf.tidy(() => tf.transpose(l2Normalize(train.tensor)));
  const predictions = new Int32Array(testCount);
  const votes = new Float64Array(numClasses);
  try {
    for (let start = 0; start < testCount; start += chunkSize) {
      const rows = Math.min(chunkSize, testCount - start);
      const [topValues, topIndices] = tf.tidy(() => {
        const chunk = tf.tensor2d(test.values.subarray(start * dimension, (start + rows) * dimension), [rows, dimension]);
        const similarities = tf.matMul(l2Normalize(chunk), trainTransposed); // [C, N]
        const { values, indices } = tf.topk(similarities, neighbours); // [C, k] each
        return [values, indices];
      });
      const similarities = topValues.dataSync();
      const indices = topIndices.dataSync();
      for (let row = 0; row < rows; row++) {
        votes.fill(0);
        // Weights relative to the nearest neighbour, exp((s_j - s_max) / t): the same argmax
        // as exp(s_j / t), without overflow at small temperatures.
        const nearest = similarities[row * neighbours];
        for (let j = row * neighbours; j < (row + 1) * neighbours; j++) {
          votes[trainLabels[indices[j]]] += Math.exp((similarities[j] - nearest) / temperature);
        }
        let best = 0;
        for (let c = 1; c < numClasses; c++) if (votes[c] > votes[best]) best = c;
        predictions[start + row] = best;
      }
      tf.dispose([topValues, topIndices]);
    }
  } finally {
    trainTransposed.dispose();
    if (train.owned) train.tensor.dispose();
  }
  return predictions;
}
