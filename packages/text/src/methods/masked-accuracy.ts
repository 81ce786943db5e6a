import * as tf from '@selfsup/core/tf';
import { MASKED_CROSS_ENTROPY_DEFAULTS } from '@selfsup/core';

/**
 * The share of the counted positions (label not `ignoreIndex`, -100) whose highest logit is
 * the label: the accuracy of the masked tokens (BERT), of NSP, or of the target tokens
 * (T5, BART). 0 when nothing is counted.
 *
 * @param logits [..., C] float32.
 * @param labels [...] int32 (the logits' shape without C).
 *
 * @example
 * const accuracy = maskedAccuracy(mlmLogits, labels); // scalar in [0, 1]
 */
export function maskedAccuracy(logits: tf.Tensor, labels: tf.Tensor, ignoreIndex: number = MASKED_CROSS_ENTROPY_DEFAULTS.ignoreIndex): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.argMax(logits, -1); // [...]
    const counted = tf.cast(tf.notEqual(labels, ignoreIndex), 'float32'); // [...]
    const correct = tf.mul(tf.cast(tf.equal(predicted, labels), 'float32'), counted); // [...]
    return tf.div(tf.sum(correct), tf.maximum(tf.sum(counted), 1)) as tf.Scalar;
  });
}
