// No import of @selfsup/core here: the Node runner's worker threads load this file alone.
import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { type GloveStepOptions, gloveAdagradStep } from './glove-adagrad-step.js';

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
