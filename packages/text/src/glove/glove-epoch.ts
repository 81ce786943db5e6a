import { createRandom, deriveSeed, shuffleInPlace } from '@selfsup/core';
import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { type GloveStepOptions, gloveAdagradStep } from './glove-adagrad-step.js';

/**
 * The order of the nonzero entries in epoch `epoch` (0-based): 0..count-1 shuffled by
 * core's `shuffleInPlace` with `createRandom(deriveSeed(seed, epoch))`, so each epoch's
 * order depends only on the seed and the epoch (glove.c shuffles its file once, with
 * `shuffle.c`, and reads it in the same order every epoch). `into` is reused when given.
 *
 * @example
 * const order = gloveEpochOrder(matrix.values.length, 0, 0);
 */
export function gloveEpochOrder(count: number, seed: number, epoch: number, into?: Uint32Array): Uint32Array {
  const order = into ?? new Uint32Array(count);
  if (order.length !== count) throw new Error(`gloveEpochOrder: into must be a Uint32Array of ${count}, got ${order.length}`);
  for (let e = 0; e < count; e++) order[e] = e;
  return shuffleInPlace(order, createRandom(deriveSeed(seed, epoch)));
}

/**
 * Runs `gloveAdagradStep` on the entries `order[start]`, ..., `order[end - 1]` of `matrix`
 * and returns the sum of their costs (0.5 f diff^2 each, taken before each entry's step:
 * glove.c's running cost). Each thread of the Node runner runs one slice.
 *
 * @example
 * const cost = gloveEpochSlice(parameters.weights, parameters.gradsq, parameters.vocabSize, matrix, order, 0, order.length, options);
 */
export function gloveEpochSlice(
  weights: Float64Array,
  gradsq: Float64Array,
  vocabSize: number,
  matrix: CooccurrenceMatrix,
  order: Uint32Array,
  start: number,
  end: number,
  options: GloveStepOptions,
): number {
  const { rows, columns, values } = matrix;
  const stride = options.vectorSize + 1;
  let cost = 0;
  for (let k = start; k < end; k++) {
    const e = order[k];
    cost += gloveAdagradStep(weights, gradsq, rows[e] * stride, (vocabSize + columns[e]) * stride, values[e], options);
  }
  return cost;
}
