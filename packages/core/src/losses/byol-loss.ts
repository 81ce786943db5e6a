import * as tf from '../tf.js';
import { assertFloatTensor, assertSameShape } from '../validation/index.js';
import { negativeCosineSimilarity } from './negative-cosine-similarity.js';

const LOSS = 'byolLoss';

/**
 * BYOL's regression loss: mean squared distance between L2-normalised predictions and
 * targets.
 *
 *   loss = mean_i | p_i/|p_i| - z_i/|z_i| |^2 = mean_i (2 - 2 cos(p_i, z_i))
 *        = 2 + 2 · negativeCosineSimilarity(p, z)
 *
 * so it is computed from SimSiam's `negativeCosineSimilarity`. It lies in [0, 4]; 0 when
 * every prediction points the same way as its target. Arguments are checked here first,
 * so errors name `byolLoss`. Norms are clamped at `L2_NORMALIZE_DEFAULTS.epsilon`, so a zero row counts as cosine 0.
 *
 * Reference: BYOL (Grill et al. 2020, "Bootstrap Your Own Latent: A New Approach to
 * Self-Supervised Learning").
 *
 * Pure: the caller applies stopGradient to the target `z` (the momentum encoder's
 * projection) and symmetrises over the two views, as BYOL does.
 *
 * @param p Shape [N, D], float32: online predictor outputs.
 * @param z Shape [N, D], float32: target projections of the other view.
 * @returns A scalar: the mean over the N rows.
 *
 * @example
 * const loss = tf.add(byolLoss(p1, stopGradient(targetZ2)), byolLoss(p2, stopGradient(targetZ1)));
 */
export function byolLoss(p: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
  assertFloatTensor(LOSS, 'p', p, 2, '[N, D]');
  assertFloatTensor(LOSS, 'z', z, 2, '[N, D]');
  assertSameShape(LOSS, 'z', z, 'p', p, '[N, D]');
  return tf.tidy(() => tf.add(2, tf.mul(2, negativeCosineSimilarity(p, z))) as tf.Scalar);
}
