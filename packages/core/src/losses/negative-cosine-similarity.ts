import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { assertFloatTensor, assertSameShape } from '../validation/index.js';

const LOSS = 'negativeCosineSimilarity';

/**
 * Negative mean cosine similarity between predictions and targets (SimSiam's D).
 *
 *   loss = -mean_i cos(p_i, z_i),   cos(a, b) = a·b / (|a| |b|)
 *
 * It lies in [-1, 1]; -1 when every prediction points the same way as its target.
 * Norms are clamped at `L2_NORMALIZE_DEFAULTS.epsilon`, so a zero row counts as cosine 0.
 *
 * Reference: SimSiam (Chen & He 2021, "Exploring Simple Siamese Representation
 * Learning").
 *
 * Pure: the caller applies stopGradient to the target `z` and symmetrises, as SimSiam
 * does: `0.5 * D(p1, stopGradient(z2)) + 0.5 * D(p2, stopGradient(z1))`.
 *
 * @param p Shape [N, D], float32: predictor outputs.
 * @param z Shape [N, D], float32: targets (projections of the other view).
 * @returns A scalar: -mean over the N rows of the cosine similarity.
 *
 * @example
 * const loss = tf.add(
 *   tf.mul(0.5, negativeCosineSimilarity(p1, stopGradient(z2))),
 *   tf.mul(0.5, negativeCosineSimilarity(p2, stopGradient(z1))),
 * );
 */
export function negativeCosineSimilarity(p: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
  assertFloatTensor(LOSS, 'p', p, 2, '[N, D]');
  assertFloatTensor(LOSS, 'z', z, 2, '[N, D]');
  assertSameShape(LOSS, 'z', z, 'p', p, '[N, D]');
  return tf.tidy(() => {
    const cosine = tf.sum(tf.mul(l2Normalize(p), l2Normalize(z)), -1); // [N]
    return tf.neg(tf.mean(cosine)) as tf.Scalar;
  });
}
