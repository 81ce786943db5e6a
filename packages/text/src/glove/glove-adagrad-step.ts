/** The hyperparameters of one GloVe step. */
export interface GloveStepOptions {
  vectorSize: number;
  xMax: number;
  alpha: number;
  learningRate: number;
  gradientClip: number;
}

/**
 * One AdaGrad step on one nonzero entry x = X[i][j], in place, exactly as glove.c's
 * `glove_thread` does it; returns the entry's cost 0.5 f(x) diff^2 before the step (0 when
 * the residual is not finite and the entry is skipped, as glove.c does).
 *
 * - diff = w_i . w~_j + b_i + b~_j - log x, fdiff = f(x) diff.
 * - Vectors, per component b: g = clip(fdiff w~_j[b], +-gradientClip) x learningRate;
 *   w_i[b] -= g / sqrt(gradsq), then gradsq += g^2 (the sum holds the squared *scaled*
 *   steps and starts at 1, and the step divides by the sum *before* adding g^2); the
 *   same for w~_j with w_i[b]. Both use the values from before the step.
 * - Biases: b_i -= fdiff / sqrt(gradsq), then gradsq += fdiff^2, without the learning rate
 *   or clipping (so glove.c's biases move with an effective rate of 1).
 *
 * glove.c also skips a vector update whose sum is not finite; with finite parameters and
 * clipped components the updates are finite, so that second check is not repeated here.
 *
 * @example
 * const cost = gloveAdagradStep(parameters.weights, parameters.gradsq, parameters.wordOffset(i), parameters.contextOffset(j), x, options);
 */
export function gloveAdagradStep(
  weights: Float64Array,
  gradsq: Float64Array,
  word: number,
  context: number,
  x: number,
  options: GloveStepOptions,
): number {
  const { vectorSize, xMax, alpha, learningRate, gradientClip } = options;
  let diff = weights[word + vectorSize] + weights[context + vectorSize] - Math.log(x);
  for (let b = 0; b < vectorSize; b++) diff += weights[word + b] * weights[context + b];
  const fdiff = x > xMax ? diff : (x / xMax) ** alpha * diff;
  if (!Number.isFinite(fdiff)) return 0;
  for (let b = 0; b < vectorSize; b++) {
    const w = weights[word + b];
    const c = weights[context + b];
    const g1 = Math.min(Math.max(fdiff * c, -gradientClip), gradientClip) * learningRate;
    const g2 = Math.min(Math.max(fdiff * w, -gradientClip), gradientClip) * learningRate;
    weights[word + b] = w - g1 / Math.sqrt(gradsq[word + b]);
    weights[context + b] = c - g2 / Math.sqrt(gradsq[context + b]);
    gradsq[word + b] += g1 * g1;
    gradsq[context + b] += g2 * g2;
  }
  const wordBias = fdiff / Math.sqrt(gradsq[word + vectorSize]);
  const contextBias = fdiff / Math.sqrt(gradsq[context + vectorSize]);
  if (Number.isFinite(wordBias)) weights[word + vectorSize] -= wordBias;
  if (Number.isFinite(contextBias)) weights[context + vectorSize] -= contextBias;
  gradsq[word + vectorSize] += fdiff * fdiff;
  gradsq[context + vectorSize] += fdiff * fdiff;
  return 0.5 * fdiff * diff;
}
