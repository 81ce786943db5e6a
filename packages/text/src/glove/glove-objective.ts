import { GLOVE_DEFAULTS } from './glove-defaults.js';

/** The weighting function's parameters. */
export interface GloveWeighting {
  /** Cutoff: counts above it weigh 1. Default 100. */
  xMax?: number;
  /** Exponent. Default 0.75. */
  alpha?: number;
}

/**
 * GloVe's weighting function f(x) = (x / xMax)^alpha for x < xMax, 1 above (paper eq. 9;
 * glove.c's `(cr.val > x_max) ? 1 : pow(cr.val / x_max, alpha)`).
 *
 * @example
 * gloveWeight(100); // 1
 * gloveWeight(10); // 0.1^0.75 = 0.1778
 * gloveWeight(1, { xMax: 10, alpha: 1 }); // 0.1
 */
export function gloveWeight(x: number, weighting: GloveWeighting = {}): number {
  const { xMax = GLOVE_DEFAULTS.xMax, alpha = GLOVE_DEFAULTS.alpha } = weighting;
  return x > xMax ? 1 : (x / xMax) ** alpha;
}

/** One entry's terms: the residual, its weight and its cost. */
export interface GloveEntryTerms {
  /** w . w~ + b + b~ - log x. */
  diff: number;
  /** f(x). */
  weight: number;
  /** 0.5 f(x) diff^2: the term glove.c sums (the paper's J has no 0.5). */
  cost: number;
}

/**
 * The terms of one nonzero entry x = X[i][j] of GloVe's weighted least-squares objective
 * J = sum over nonzero X[i][j] of f(X[i][j]) (w_i . w~_j + b_i + b~_j - log X[i][j])^2
 * (paper eq. 8), computed in float64: the reference the training step is tested against.
 *
 * @example
 * gloveEntry([0.1, 0.2], [0.3, -0.1], 0.05, -0.02, 3); // { diff: -1.0586, weight: 0.0721, cost: 0.0404 }
 */
export function gloveEntry(
  word: ArrayLike<number>,
  context: ArrayLike<number>,
  wordBias: number,
  contextBias: number,
  x: number,
  weighting: GloveWeighting = {},
): GloveEntryTerms {
  if (word.length !== context.length) throw new Error(`gloveEntry: context must have the word vector's length ${word.length}, got ${context.length}`);
  if (!(x > 0)) throw new Error(`gloveEntry: x must be a count > 0, got ${x}`);
  let diff = wordBias + contextBias - Math.log(x);
  for (let b = 0; b < word.length; b++) diff += word[b] * context[b];
  const weight = gloveWeight(x, weighting);
  return { diff, weight, cost: 0.5 * weight * diff * diff };
}

/** The gradients of one entry's cost 0.5 f diff^2. */
export interface GloveEntryGradients {
  /** d cost / d w_i = f diff w~_j. */
  word: Float64Array;
  /** d cost / d w~_j = f diff w_i. */
  context: Float64Array;
  /** d cost / d b_i = f diff (as d cost / d b~_j). */
  bias: number;
}

/**
 * The gradients of one entry's cost 0.5 f(x) diff^2 with respect to the word vector, the
 * context vector and either bias, in float64 (before glove.c's clipping and AdaGrad scaling).
 *
 * @example
 * gloveEntryGradients([0.1, 0.2], [0.3, -0.1], 0.05, -0.02, 3).bias; // f diff = -0.0763
 */
export function gloveEntryGradients(
  word: ArrayLike<number>,
  context: ArrayLike<number>,
  wordBias: number,
  contextBias: number,
  x: number,
  weighting: GloveWeighting = {},
): GloveEntryGradients {
  const { diff, weight } = gloveEntry(word, context, wordBias, contextBias, x, weighting);
  const scale = weight * diff;
  return {
    word: Float64Array.from(context, (value) => scale * value),
    context: Float64Array.from(word, (value) => scale * value),
    bias: scale,
  };
}
