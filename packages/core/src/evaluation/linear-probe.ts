import * as tf from '../tf.js';
import { createRandom } from '../random/seeded-random.js';
import { assertInteger } from '../validation/index.js';
import { type FeatureMatrix, type Features, type Labels, readFeatures, readLabels } from './feature-matrix.js';
import { fitLogisticRegression, LOGISTIC_REGRESSION_DEFAULTS, permutation, predictLogisticRegression } from './logistic-regression.js';

/** Defaults of `linearProbe`; each fit uses those of `fitLogisticRegression` (`LOGISTIC_REGRESSION_DEFAULTS`). */
export const LINEAR_PROBE_DEFAULTS = Object.freeze({
  /** The L2 penalties tried: no penalty and four decades up to 1e-2; the validation split picks one. */
  weightDecays: Object.freeze([0, 1e-5, 1e-4, 1e-3, 1e-2]) as readonly number[],
  /** Fraction of the training features held out to choose the weight decay (10%). */
  validationFraction: 0.1,
  epochs: LOGISTIC_REGRESSION_DEFAULTS.epochs,
  batchSize: LOGISTIC_REGRESSION_DEFAULTS.batchSize,
  learningRate: LOGISTIC_REGRESSION_DEFAULTS.learningRate,
  /** Seeds the validation split and the row order of every fit. */
  seed: 0,
});

export interface LinearProbeOptions {
  /** [N, D] frozen features of the training set. */
  trainFeatures: Features;
  /** [N] training classes in [0, numClasses). */
  trainLabels: Labels;
  /** [M, D] frozen features of the test set. */
  testFeatures: Features;
  /** [M] test classes in [0, numClasses). */
  testLabels: Labels;
  /** Default: largest training or test label + 1. */
  numClasses?: number;
  /** L2 penalties to choose from. Default `LINEAR_PROBE_DEFAULTS.weightDecays` = [0, 1e-5, 1e-4, 1e-3, 1e-2]. */
  weightDecays?: readonly number[];
  /** Fraction of the training rows held out for the choice, in (0, 1). Default 0.1. */
  validationFraction?: number;
  /** Adam epochs per fit. Default 100. */
  epochs?: number;
  /** Rows per Adam step. Default 512. */
  batchSize?: number;
  /** Peak Adam learning rate (cosine decay to 0). Default 0.03. */
  learningRate?: number;
  /** Seeds the validation split and the row order of every fit. Default 0. */
  seed?: number;
}

export interface LinearProbeResult {
  /** Test accuracy of the classifier refitted on all training rows with the chosen weight decay. */
  accuracy: number;
  /** The chosen L2 penalty. */
  weightDecay: number;
  /** Validation accuracy of the chosen weight decay. */
  validationAccuracy: number;
  /** Validation accuracy of every weight decay tried, in the order given. */
  validationResults: { weightDecay: number; accuracy: number }[];
  /** Accuracy of the final classifier on the training rows (to spot under- or overfitting). */
  trainAccuracy: number;
  /** [M] predicted class of each test row. */
  predictions: Int32Array;
}

const FN = 'linearProbe';

/**
 * Linear evaluation of frozen features: a multinomial logistic regression trained on
 * top of them, its weight decay chosen on a held-out split.
 *
 * Protocol:
 * 1. A seeded shuffle holds out `validationFraction` (10%) of the training rows.
 * 2. Features are standardised per dimension with the mean and standard deviation of
 *    the rows being fitted (dimensions with zero spread are only centred); the same
 *    statistics are applied to the held-out rows.
 * 3. For each weight decay of the grid, a classifier is fitted on the other 90% (see
 *    fitLogisticRegression: Adam, cosine learning rate, zero initialisation) and scored
 *    on the held-out rows. The best validation accuracy wins; ties go to the larger
 *    weight decay (the simpler model).
 * 4. The classifier is refitted on all training rows (standardised with their own
 *    statistics, applied to the test rows) with the chosen weight decay; its accuracy
 *    on the test rows is reported.
 *
 * Reference: the linear evaluation protocol of self-supervised learning (Zhang et al.
 * 2016, "Colorful Image Colorization"; Chen et al. 2020, SimCLR, whose transfer
 * experiments also pick the L2 penalty of a logistic regression on a validation split).
 *
 * @example
 * const result = await linearProbe({
 *   trainFeatures, trainLabels, testFeatures, testLabels, numClasses: 10, seed: 0,
 * });
 * console.log(`linear probe ${(100 * result.accuracy).toFixed(1)}% (weight decay ${result.weightDecay})`);
 */
export async function linearProbe(options: LinearProbeOptions): Promise<LinearProbeResult> {
  if (options === null || typeof options !== 'object') {
    throw new Error(`${FN}: expected an options object {trainFeatures, trainLabels, testFeatures, testLabels, ...}`);
  }
  const train = readFeatures(FN, 'trainFeatures', options.trainFeatures);
  const test = readFeatures(FN, 'testFeatures', options.testFeatures);
  if (test.dimension !== train.dimension) {
    throw new Error(`${FN}: testFeatures must be [M, ${train.dimension}] (the D of trainFeatures), got [${test.count}, ${test.dimension}]`);
  }
  if (options.numClasses !== undefined) assertInteger(FN, 'numClasses', options.numClasses, 1);
  const trainLabels = readLabels(FN, 'trainLabels', options.trainLabels, train.count, options.numClasses);
  const testLabels = readLabels(FN, 'testLabels', options.testLabels, test.count, options.numClasses);
  const numClasses =
    options.numClasses ??
    Math.max(
      trainLabels.reduce((a, b) => Math.max(a, b), 0),
      testLabels.reduce((a, b) => Math.max(a, b), 0),
    ) + 1;
  const weightDecays = options.weightDecays ?? LINEAR_PROBE_DEFAULTS.weightDecays;
  if (!Array.isArray(weightDecays) || weightDecays.length === 0 || weightDecays.some((w) => typeof w !== 'number' || !Number.isFinite(w) || w < 0)) {
    throw new Error(`${FN}: weightDecays must be a non-empty array of finite numbers >= 0, got ${JSON.stringify(weightDecays)}`);
  }
  const validationFraction = options.validationFraction ?? LINEAR_PROBE_DEFAULTS.validationFraction;
  const validationCount = Math.round(train.count * validationFraction);
  if (!(validationFraction > 0 && validationFraction < 1) || validationCount < 1 || validationCount >= train.count) {
    throw new Error(
      `${FN}: validationFraction must be in (0, 1) and leave at least one row on each side of the split, got ${validationFraction} of ${train.count} rows`,
    );
  }
  const seed = options.seed ?? LINEAR_PROBE_DEFAULTS.seed;
  const fit = {
    numClasses,
    epochs: options.epochs ?? LINEAR_PROBE_DEFAULTS.epochs,
    batchSize: options.batchSize ?? LINEAR_PROBE_DEFAULTS.batchSize,
    learningRate: options.learningRate ?? LINEAR_PROBE_DEFAULTS.learningRate,
    seed,
  };

  // 1. Seeded split of the training rows.
  const order = permutation(train.count, createRandom(seed));
  const validationRows = order.subarray(0, validationCount);
  const fitRows = order.subarray(validationCount);

  // 2-3. Choose the weight decay on the held-out rows.
  const validationResults: { weightDecay: number; accuracy: number }[] = [];
  {
    const statistics = columnStatistics(train.values, train.dimension, fitRows);
    const fitFeatures = standardized(train.values, train.dimension, fitRows, statistics);
    const validationFeatures = standardized(train.values, train.dimension, validationRows, statistics);
    const fitLabels = pick(trainLabels, fitRows);
    const validationLabels = pick(trainLabels, validationRows);
    for (const weightDecay of weightDecays) {
      const model = fitLogisticRegression({ ...fit, features: fitFeatures, labels: fitLabels, weightDecay });
      const accuracy = accuracyOf(predictLogisticRegression(model, validationFeatures), validationLabels);
      tf.dispose([model.weights, model.bias]);
      validationResults.push({ weightDecay, accuracy });
    }
  }
  let chosen = validationResults[0];
  for (const result of validationResults) {
    const better = result.accuracy > chosen.accuracy;
    const tieTowardsLarger = result.accuracy === chosen.accuracy && result.weightDecay > chosen.weightDecay;
    if (better || tieTowardsLarger) chosen = result;
  }

  // 4. Refit on all training rows, score the test rows.
  const allRows = Int32Array.from({ length: train.count }, (_, i) => i);
  const testRows = Int32Array.from({ length: test.count }, (_, i) => i);
  const statistics = columnStatistics(train.values, train.dimension, allRows);
  const trainStandardized = standardized(train.values, train.dimension, allRows, statistics);
  const testStandardized = standardized(test.values, test.dimension, testRows, statistics);
  const model = fitLogisticRegression({
    ...fit,
    features: trainStandardized,
    labels: trainLabels,
    weightDecay: chosen.weightDecay,
  });
  const predictions = predictLogisticRegression(model, testStandardized);
  const trainAccuracy = accuracyOf(predictLogisticRegression(model, trainStandardized), trainLabels);
  tf.dispose([model.weights, model.bias]);
  return {
    accuracy: accuracyOf(predictions, testLabels),
    weightDecay: chosen.weightDecay,
    validationAccuracy: chosen.accuracy,
    validationResults,
    trainAccuracy,
    predictions,
  };
}

interface ColumnStatistics {
  mean: Float64Array;
  /** 1 / standard deviation, or 1 where the deviation is 0. */
  inverseStd: Float64Array;
}

/** Per-dimension mean and population standard deviation of the selected rows, in float64. */
function columnStatistics(values: Float32Array, dimension: number, rows: Int32Array): ColumnStatistics {
  const mean = new Float64Array(dimension);
  const squares = new Float64Array(dimension);
  for (const row of rows) {
    const offset = row * dimension;
    for (let d = 0; d < dimension; d++) mean[d] += values[offset + d];
  }
  for (let d = 0; d < dimension; d++) mean[d] /= rows.length;
  for (const row of rows) {
    const offset = row * dimension;
    for (let d = 0; d < dimension; d++) {
      const centred = values[offset + d] - mean[d];
      squares[d] += centred * centred;
    }
  }
  const inverseStd = new Float64Array(dimension);
  for (let d = 0; d < dimension; d++) {
    const std = Math.sqrt(squares[d] / rows.length);
    inverseStd[d] = std > 0 ? 1 / std : 1;
  }
  return { mean, inverseStd };
}

function standardized(values: Float32Array, dimension: number, rows: Int32Array, statistics: ColumnStatistics): FeatureMatrix {
  const out = new Float32Array(rows.length * dimension);
  for (let i = 0; i < rows.length; i++) {
    const source = rows[i] * dimension;
    const target = i * dimension;
    for (let d = 0; d < dimension; d++) {
      out[target + d] = (values[source + d] - statistics.mean[d]) * statistics.inverseStd[d];
    }
  }
  return { values: out, count: rows.length, dimension };
}

function pick(labels: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = labels[rows[i]];
  return out;
}

function accuracyOf(predictions: Int32Array, labels: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}
