import * as tf from '../src/tf.js';
import { maxAbsoluteError, type TestBackend, useBackend } from '../src/testing/index.js';

/** A model to check: how to build it and its loss on a fixed batch. */
export interface ParityCase {
  build(): tf.LayersModel;
  loss(model: tf.LayersModel): tf.Scalar;
}

/** Builds the model once (on cpu) and returns its initial weights, to load on every backend. */
export async function initialWeights(parity: ParityCase): Promise<{ values: Float32Array; shape: number[] }[]> {
  await useBackend('cpu');
  const model = parity.build();
  const weights = model.getWeights().map((w) => ({ values: w.dataSync().slice() as Float32Array, shape: w.shape }));
  model.dispose();
  return weights;
}

/** Loss and gradients of every trainable weight (in model order) on one backend, from the same weights. */
export async function lossAndGradients(
  backend: TestBackend,
  parity: ParityCase,
  weights: { values: Float32Array; shape: number[] }[],
): Promise<{ loss: number; gradients: Float32Array[] }> {
  await useBackend(backend);
  const model = parity.build();
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => parity.loss(model), variables);
  const result = {
    loss: value.dataSync()[0],
    gradients: variables.map((v) => grads[v.name].dataSync().slice() as Float32Array),
  };
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
  return result;
}

/**
 * Worst absolute difference over all gradients of two backends, relative to the largest
 * gradient entry of the whole model. (Gradients that are zero in exact arithmetic, such as
 * a bias just before a batch norm or the key bias of attention, are float32 noise on both
 * backends: relative to themselves they would differ arbitrarily.)
 */
export function worstGradientError(a: Float32Array[], b: Float32Array[]): number {
  const scale = Math.max(...b.map((gradient) => maxAbsoluteError(gradient, new Float32Array(gradient.length))));
  return Math.max(...a.map((gradient, i) => maxAbsoluteError(gradient, b[i]))) / scale;
}

/** Trains `steps` steps of Adam on the active backend and returns the loss curve. */
export function trainCurve(parity: ParityCase, steps: number, learningRate: number): number[] {
  const model = parity.build();
  const optimizer = tf.train.adam(learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const curve: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(() => parity.loss(model), true, variables)!;
    curve.push(loss.dataSync()[0]);
    loss.dispose();
  }
  optimizer.dispose();
  model.dispose();
  return curve;
}
