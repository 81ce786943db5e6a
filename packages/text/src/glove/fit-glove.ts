import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { gloveEpochOrder } from './glove-epoch-order.js';
import { gloveEpochSlice } from './glove-epoch-slice.js';
import { type FitGloveOptions, resolveGloveOptions } from './glove-options.js';
import { GloveParameters } from './glove-parameters.js';

/** What `fitGlove` returns. */
export interface FitGloveResult {
  parameters: GloveParameters;
  /** Each epoch's cost, as glove.c prints it (see `GloveProgress.cost`). */
  costs: number[];
}

/**
 * Fits GloVe's weighted least-squares objective to a co-occurrence matrix on one thread:
 * `epochs` passes, each over every nonzero entry once in a freshly shuffled order, each
 * entry one AdaGrad step (`gloveAdagradStep`, glove.c's update). Synchronous and
 * browser-safe; the Node entry's `trainGloveParallel` runs the same steps on several
 * threads.
 *
 * @example
 * const { parameters, costs } = fitGlove(matrix, { vectorSize: 50, epochs: 25, onEpoch: (p) => console.log(p.epoch, p.cost) });
 */
export function fitGlove(matrix: CooccurrenceMatrix, options: FitGloveOptions = {}): FitGloveResult {
  const resolved = resolveGloveOptions('fitGlove', options);
  checkMatrix('fitGlove', matrix);
  const parameters = options.parameters ?? GloveParameters.random(matrix.vocabSize, resolved.vectorSize, resolved.seed);
  checkParameters('fitGlove', parameters, matrix, resolved.vectorSize);
  const count = matrix.values.length;
  const order = new Uint32Array(count);
  const costs: number[] = [];
  for (let e = 0; e < resolved.epochs; e++) {
    const started = performance.now();
    gloveEpochOrder(count, resolved.seed, resolved.firstEpoch + e, order);
    const sum = gloveEpochSlice(parameters.weights, parameters.gradsq, parameters.vocabSize, matrix, order, 0, count, resolved);
    const seconds = (performance.now() - started) / 1000;
    costs.push(sum / count);
    resolved.onEpoch?.({ epoch: e + 1, epochs: resolved.epochs, cost: sum / count, entriesPerSecond: count / Math.max(seconds, 1e-9), seconds });
  }
  return { parameters, costs };
}

/**
 * Throws unless `matrix` is a non-empty `CooccurrenceMatrix` with positive values and ids in
 * range.
 *
 * @example
 * checkMatrix('fitGlove', matrix);
 */
export function checkMatrix(caller: string, matrix: CooccurrenceMatrix): void {
  const ok =
    matrix !== null &&
    typeof matrix === 'object' &&
    matrix.rows instanceof Int32Array &&
    matrix.columns instanceof Int32Array &&
    matrix.values instanceof Float64Array &&
    matrix.rows.length === matrix.values.length &&
    matrix.columns.length === matrix.values.length &&
    Number.isInteger(matrix.vocabSize) &&
    matrix.vocabSize >= 1;
  if (!ok) throw new Error(`${caller}: matrix must be a CooccurrenceMatrix (countCooccurrences), got ${matrix === null ? 'null' : typeof matrix}`);
  if (matrix.values.length === 0)
    throw new Error(`${caller}: matrix must have nonzero entries, got none (is every sentence shorter than 2 known words?)`);
  for (let e = 0; e < matrix.values.length; e++) {
    const { vocabSize } = matrix;
    if (!(matrix.values[e] > 0) || matrix.rows[e] < 0 || matrix.rows[e] >= vocabSize || matrix.columns[e] < 0 || matrix.columns[e] >= vocabSize) {
      throw new Error(
        `${caller}: matrix entry ${e} must have ids in [0, ${vocabSize}) and a value > 0, got (${matrix.rows[e]}, ${matrix.columns[e]}) = ${matrix.values[e]}`,
      );
    }
  }
}

/**
 * Throws unless `parameters` fit `matrix`'s vocabulary and the vector size.
 *
 * @example
 * checkParameters('fitGlove', parameters, matrix, 50);
 */
export function checkParameters(caller: string, parameters: GloveParameters, matrix: CooccurrenceMatrix, vectorSize: number): void {
  if (!(parameters instanceof GloveParameters)) throw new Error(`${caller}: options.parameters must be GloveParameters, got ${typeof parameters}`);
  if (parameters.vocabSize !== matrix.vocabSize || parameters.vectorSize !== vectorSize) {
    throw new Error(
      `${caller}: options.parameters must be ${matrix.vocabSize} words x ${vectorSize}, got ${parameters.vocabSize} x ${parameters.vectorSize}`,
    );
  }
}
