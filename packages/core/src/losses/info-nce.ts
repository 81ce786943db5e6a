import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { assertFloatTensor, assertPositiveNumber, assertSameShape, formatShape } from '../validation/index.js';

/** Defaults of `infoNce`. */
export const INFO_NCE_DEFAULTS = Object.freeze({
  /** InfoNCE temperature of MoCo (He et al. 2020). */
  temperature: 0.07,
});

export interface InfoNceOptions {
  /** Divides every cosine similarity; smaller is sharper. Default `INFO_NCE_DEFAULTS.temperature` (0.07). */
  temperature?: number;
}

const LOSS = 'infoNce';

/**
 * InfoNCE: classify each query's positive among negatives by cosine similarity.
 *
 * With q, p, n L2-normalised and t the temperature, for query i:
 *
 *   logits_i = [q_i·p_i, q_i·n_1, ..., q_i·n_K] / t   (the positive at index 0)
 *   loss = mean_i ( logsumexp(logits_i) - logits_i[0] )
 *
 * i.e. the mean cross-entropy with target 0. Negatives are either shared by every
 * query, [K, D] (MoCo's queue of keys), or one set per query, [N, K, D].
 *
 * References: CPC/InfoNCE (van den Oord et al. 2018, "Representation Learning with
 * Contrastive Predictive Coding"); MoCo (He et al. 2020, "Momentum Contrast for
 * Unsupervised Visual Representation Learning").
 *
 * Pure: apply stopGradient to `positive` and `negatives` yourself when they come from
 * a momentum (key) encoder, as MoCo does.
 *
 * @param query Shape [N, D], float32.
 * @param positive Shape [N, D], float32: the positive key of each query.
 * @param negatives Shape [K, D] (shared) or [N, K, D] (per query), float32.
 * @param options `temperature` > 0 (default 0.07).
 * @returns A scalar: the mean loss over the N queries.
 *
 * @example
 * const query = tf.randomNormal([8, 128]) as tf.Tensor2D;
 * const key = tf.randomNormal([8, 128]) as tf.Tensor2D;
 * const queue = tf.randomNormal([4096, 128]) as tf.Tensor2D;
 * const loss = infoNce(query, stopGradient(key), queue, { temperature: 0.07 });
 */
export function infoNce(query: tf.Tensor2D, positive: tf.Tensor2D, negatives: tf.Tensor2D | tf.Tensor3D, options: InfoNceOptions = {}): tf.Scalar {
  assertFloatTensor(LOSS, 'query', query, 2, '[N, D]');
  assertFloatTensor(LOSS, 'positive', positive, 2, '[N, D]');
  assertSameShape(LOSS, 'positive', positive, 'query', query, '[N, D]');
  const [queries, dimension] = query.shape;
  const negativesOk =
    negatives !== null &&
    typeof negatives === 'object' &&
    Array.isArray(negatives.shape) &&
    ((negatives.rank === 2 && negatives.shape[1] === dimension) ||
      (negatives.rank === 3 && negatives.shape[0] === queries && negatives.shape[2] === dimension));
  if (!negativesOk) {
    const got = Array.isArray(negatives?.shape) ? formatShape(negatives.shape) : String(negatives);
    throw new Error(`${LOSS}: negatives must be [K, D] or [N, K, D] with N = ${queries} and D = ${dimension} as in query, got ${got}`);
  }
  const pattern = negatives.rank === 2 ? '[K, D]' : '[N, K, D]';
  assertFloatTensor(LOSS, 'negatives', negatives, negatives.rank, pattern);
  const temperature = options.temperature ?? INFO_NCE_DEFAULTS.temperature;
  assertPositiveNumber(LOSS, 'temperature', temperature);

  return tf.tidy(() => {
    const q = l2Normalize(query); // [N, D]
    const p = l2Normalize(positive); // [N, D]
    const n = l2Normalize(negatives); // [K, D] or [N, K, D]
    const positiveLogits = tf.div(tf.sum(tf.mul(q, p), -1, true), temperature); // [N, 1]
    const negativeSimilarities =
      n.rank === 2
        ? tf.matMul(q, n as tf.Tensor2D, false, true) // [N, K]
        : tf.sum(tf.mul(tf.expandDims(q, 1), n), -1); // [N, 1, D] * [N, K, D] -> [N, K]
    const logits = tf.concat([positiveLogits, tf.div(negativeSimilarities, temperature)], 1); // [N, 1 + K]
    const perQuery = tf.sub(tf.logSumExp(logits, -1), tf.squeeze(positiveLogits, [1])); // [N]
    return tf.mean(perQuery) as tf.Scalar;
  });
}
