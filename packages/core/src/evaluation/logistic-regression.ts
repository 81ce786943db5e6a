import * as tf from '../tf.js';
import { createRandom, type SeededRandom } from '../random/seeded-random.js';
import { shuffleInPlace } from '../random/shuffle.js';
import { assertFiniteNumber, assertInteger, assertPositiveNumber } from '../validation/index.js';
import { type FeatureMatrix, readFeatures } from './feature-matrix.js';

/** Defaults of `fitLogisticRegression`, also those of `linearProbe`. */
export const LOGISTIC_REGRESSION_DEFAULTS = Object.freeze({
  /** No L2 penalty (`linearProbe` chooses one from its `weightDecays`). */
  weightDecay: 0,
  /**
   * Passes over the training rows. With 30 epochs at 0.01 the probe under-fitted encoder
   * features by 1-3 points against scikit-learn's L-BFGS optimum (docs/benchmarks.md);
   * 100 epochs at 0.03 land within 0.1-0.2 points of it.
   */
  epochs: 100,
  /** Rows per Adam step. */
  batchSize: 512,
  /** Peak Adam learning rate, decayed to 0 on a cosine schedule (suits standardised features). */
  learningRate: 0.03,
  /** Seeds the order of the rows in each epoch. */
  seed: 0,
});

/** Adam's moment decay rates and epsilon (Kingma & Ba 2015 defaults). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

export interface LogisticRegressionOptions {
  /** [N, D] inputs (standardise them first; see linearProbe). */
  features: FeatureMatrix;
  /** [N] classes in [0, numClasses). */
  labels: Int32Array;
  numClasses: number;
  /** L2 penalty: the loss is mean cross-entropy + weightDecay / 2 * ||W||² (bias not penalised). Default 0. */
  weightDecay?: number;
  /** Default 100. */
  epochs?: number;
  /** Default 512. */
  batchSize?: number;
  /** Peak learning rate of Adam. Default 0.03. */
  learningRate?: number;
  /** Seeds the order of the rows in each epoch. Default 0. */
  seed?: number;
}

/** A fitted multinomial logistic regression: logits = x W + b. The caller disposes the tensors. */
export interface LogisticRegressionModel {
  /** [D, C] */
  weights: tf.Tensor2D;
  /** [C] */
  bias: tf.Tensor1D;
}

const FN = 'fitLogisticRegression';

/**
 * Fits a multinomial logistic regression (softmax classifier) with mini-batch Adam.
 *
 * Loss: mean over rows of cross-entropy(softmax(x W + b), y) + weightDecay / 2 * ||W||²,
 * with W and b starting at zero (the problem is convex, so no random start is needed).
 * Each epoch visits the rows in a seeded random order; the learning rate follows a
 * cosine decay from `learningRate` to 0 over all steps, so the last epochs average out
 * mini-batch noise. Gradients are written out by hand, (softmax - onehot) / B for the
 * logits, which keeps a step to about 20 small kernels.
 *
 * Why Adam rather than full-batch gradient descent or L-BFGS: on standardised features
 * it converges in a few tens of epochs without tuning a step size to the data's
 * curvature, and each step touches only one mini-batch (fast on wasm and cpu).
 *
 * Reference: Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"; the linear
 * evaluation protocol of Zhang et al. 2016 / Chen et al. 2020 (SimCLR).
 *
 * @example
 * const model = fitLogisticRegression({ features, labels, numClasses: 10, weightDecay: 1e-4 });
 * const predictions = predictLogisticRegression(model, testFeatures);
 * tf.dispose([model.weights, model.bias]);
 */
export function fitLogisticRegression(options: LogisticRegressionOptions): LogisticRegressionModel {
  const { features, labels, numClasses } = options;
  const weightDecay = options.weightDecay ?? LOGISTIC_REGRESSION_DEFAULTS.weightDecay;
  const epochs = options.epochs ?? LOGISTIC_REGRESSION_DEFAULTS.epochs;
  const batchSize = options.batchSize ?? LOGISTIC_REGRESSION_DEFAULTS.batchSize;
  const learningRate = options.learningRate ?? LOGISTIC_REGRESSION_DEFAULTS.learningRate;
  const { values, count, dimension } = readFeatures(FN, 'features', features);
  if (!(labels instanceof Int32Array) || labels.length !== count) {
    throw new Error(`${FN}: labels must be an Int32Array of length ${count} (one per row of features)`);
  }
  assertInteger(FN, 'numClasses', numClasses, 1);
  assertFiniteNumber(FN, 'weightDecay', weightDecay, { min: 0 });
  assertInteger(FN, 'epochs', epochs, 1);
  assertInteger(FN, 'batchSize', batchSize, 1);
  assertPositiveNumber(FN, 'learningRate', learningRate);

  const random = createRandom(options.seed ?? 0);
  const stepsPerEpoch = Math.ceil(count / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  let weights: tf.Tensor2D = tf.zeros([dimension, numClasses]);
  let bias: tf.Tensor1D = tf.zeros([numClasses]);
  let weightMoments = [tf.zeros([dimension, numClasses]), tf.zeros([dimension, numClasses])];
  let biasMoments = [tf.zeros([numClasses]), tf.zeros([numClasses])];
  // Mini-batches are assembled in JavaScript and uploaded: on wasm, tf.slice and tf.gather
  // copy their whole source tensor, which made a step 20x slower than its math.
  const batchFeatures = new Float32Array(batchSize * dimension);
  const batchTargets = new Float32Array(batchSize * numClasses);
  let step = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = permutation(count, random);
      for (let start = 0; start < count; start += batchSize) {
        const rows = Math.min(batchSize, count - start);
        batchTargets.fill(0);
        for (let i = 0; i < rows; i++) {
          const row = order[start + i];
          batchFeatures.set(values.subarray(row * dimension, (row + 1) * dimension), i * dimension);
          batchTargets[i * numClasses + labels[row]] = 1;
        }
        step++;
        const progress = (step - 1) / totalSteps;
        const rate = 0.5 * learningRate * (1 + Math.cos(Math.PI * progress));
        // Adam's bias correction folded into the step size.
        const stepSize = (rate * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
        const next = tf.tidy(() => {
          const x = tf.tensor2d(batchFeatures.subarray(0, rows * dimension), [rows, dimension]); // [B, D]
          const y = tf.tensor2d(batchTargets.subarray(0, rows * numClasses), [rows, numClasses]); // [B, C]
          const logits = tf.add(tf.matMul(x, weights), bias); // [B, C]
          const logitGradient = tf.div(tf.sub(tf.softmax(logits), y), rows); // [B, C]
          let weightGradient = tf.matMul(tf.transpose(x), logitGradient); // [D, C]
          if (weightDecay > 0) weightGradient = tf.add(weightGradient, tf.mul(weights, weightDecay));
          const biasGradient = tf.sum(logitGradient, 0); // [C]
          const [w, wm, wv] = adamStep(weights, weightGradient, weightMoments, stepSize);
          const [b, bm, bv] = adamStep(bias, biasGradient, biasMoments, stepSize);
          return { w, wm, wv, b, bm, bv };
        });
        tf.dispose([weights, bias, ...weightMoments, ...biasMoments]);
        weights = next.w as tf.Tensor2D;
        bias = next.b as tf.Tensor1D;
        weightMoments = [next.wm, next.wv];
        biasMoments = [next.bm, next.bv];
      }
    }
  } catch (error) {
    tf.dispose([weights, bias]);
    throw error;
  } finally {
    tf.dispose([...weightMoments, ...biasMoments]);
  }
  return { weights, bias };
}

/** One Adam update; returns [parameter, first moment, second moment]. */
function adamStep(parameter: tf.Tensor, gradient: tf.Tensor, [m, v]: tf.Tensor[], stepSize: number): tf.Tensor[] {
  const firstMoment = tf.add(tf.mul(m, BETA1), tf.mul(gradient, 1 - BETA1));
  const secondMoment = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(gradient), 1 - BETA2));
  const update = tf.div(firstMoment, tf.add(tf.sqrt(secondMoment), ADAM_EPSILON));
  return [tf.sub(parameter, tf.mul(update, stepSize)), firstMoment, secondMoment];
}

/**
 * The most probable class of each row: argmax of x W + b, computed in blocks of 8192 rows.
 *
 * @example
 * const predictions = predictLogisticRegression(model, testFeatures); // Int32Array [M]
 */
export function predictLogisticRegression(model: LogisticRegressionModel, features: FeatureMatrix): Int32Array {
  const { values, count, dimension } = readFeatures('predictLogisticRegression', 'features', features);
  const predictions = new Int32Array(count);
  const block = 8192;
  for (let start = 0; start < count; start += block) {
    const rows = Math.min(block, count - start);
    const classes = tf.tidy(() => {
      const x = tf.tensor2d(values.subarray(start * dimension, (start + rows) * dimension), [rows, dimension]); // [R, D]
      return tf.argMax(tf.add(tf.matMul(x, model.weights), model.bias), 1); // [R]
    });
    predictions.set(classes.dataSync(), start);
    classes.dispose();
  }
  return predictions;
}

/**
 * A seeded Fisher-Yates permutation of 0..count-1.
 *
 * @example
 * const order = permutation(5, createRandom(0)); // e.g. Int32Array [3, 0, 4, 1, 2]
 */
export function permutation(count: number, random: SeededRandom): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return shuffleInPlace(order, random);
}
