import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { assertFloatTensor, assertPositiveNumber, assertSameShape, formatShape } from '../validation/index.js';

/** Defaults of `ntXent`. */
export const NT_XENT_DEFAULTS = Object.freeze({
  /** NT-Xent temperature of SimCLR's CIFAR-10 experiments (Chen et al. 2020, appendix B.9). */
  temperature: 0.5,
});

export interface NtXentOptions {
  /** Divides every cosine similarity. Default `NT_XENT_DEFAULTS.temperature` (0.5). */
  temperature?: number;
  /**
   * Extra negatives [K, D] (a memory bank) appended to the negatives of every anchor.
   * Apply stopGradient to them yourself if they should not receive gradient.
   */
  negatives?: tf.Tensor2D;
}

const LOSS = 'ntXent';

/**
 * NT-Xent, SimCLR's normalized temperature-scaled cross-entropy over 2N anchors.
 *
 * With z = L2-normalise(concat(z1, z2)) [2N, D], t the temperature and i' the other
 * view of anchor i (i' = i + N for i < N, i - N otherwise):
 *
 *   s_ij = z_i·z_j / t for j != i;  s_ii = -inf (self-similarity excluded)
 *   loss = mean_i ( logsumexp_j s_ij - s_ii' )
 *
 * so each anchor has one positive and 2N - 2 in-batch negatives. With `negatives`
 * [K, D], the K similarities z_i·n_k / t (n L2-normalised) join every row. This is the
 * PyTorch recipe `cross_entropy(s, targets)` with the diagonal masked to -inf.
 *
 * Reference: SimCLR (Chen et al. 2020, "A Simple Framework for Contrastive Learning
 * of Visual Representations").
 *
 * @param z1 Shape [N, D], float32: projections of the first view.
 * @param z2 Shape [N, D], float32: projections of the second view (row i pairs with z1 row i).
 * @param options `temperature` > 0 (default 0.5) and optional `negatives` [K, D].
 * @returns A scalar: the mean loss over the 2N anchors.
 *
 * @example
 * const z1 = tf.randomNormal([256, 128]) as tf.Tensor2D;
 * const z2 = tf.randomNormal([256, 128]) as tf.Tensor2D;
 * const loss = ntXent(z1, z2, { temperature: 0.5 });
 */
export function ntXent(z1: tf.Tensor2D, z2: tf.Tensor2D, options: NtXentOptions = {}): tf.Scalar {
  assertFloatTensor(LOSS, 'z1', z1, 2, '[N, D]');
  assertFloatTensor(LOSS, 'z2', z2, 2, '[N, D]');
  assertSameShape(LOSS, 'z2', z2, 'z1', z1, '[N, D]');
  const temperature = options.temperature ?? NT_XENT_DEFAULTS.temperature;
  assertPositiveNumber(LOSS, 'temperature', temperature);
  const bank = options.negatives;
  const [batch, dimension] = z1.shape;
  if (bank !== undefined) {
    assertFloatTensor(LOSS, 'options.negatives', bank, 2, '[K, D]');
    if (bank.shape[1] !== dimension) {
      throw new Error(`${LOSS}: options.negatives must be [K, D] with D = ${dimension} as in z1, got ${formatShape(bank.shape)}`);
    }
  }

  return tf.tidy(() => {
    const z = l2Normalize(tf.concat([z1, z2], 0)); // [2N, D]
    const similarities = tf.div(tf.matMul(z, z, false, true), temperature); // [2N, 2N]
    const self = tf.cast(tf.eye(2 * batch), 'bool'); // [2N, 2N]
    const masked = tf.where(self, tf.fill([2 * batch, 2 * batch], Number.NEGATIVE_INFINITY), similarities);
    const logits = bank === undefined ? masked : tf.concat([masked, tf.div(tf.matMul(z, l2Normalize(bank), false, true), temperature)], 1); // [2N, 2N + K]
    // The positive of anchor i is row i of the other view: z2 for the first N anchors, z1 after.
    const otherView = tf.concat([tf.slice(z, [batch, 0], [batch, dimension]), tf.slice(z, [0, 0], [batch, dimension])], 0);
    const positiveLogits = tf.div(tf.sum(tf.mul(z, otherView), -1), temperature); // [2N]
    return tf.mean(tf.sub(tf.logSumExp(logits, -1), positiveLogits)) as tf.Scalar;
  });
}
