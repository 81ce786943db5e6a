import * as tf from '../tf.js';
import { assertDtype, assertFloatTensor, assertInteger, assertTensor, formatShape, shapesEqual } from '../validation/index.js';

/** Defaults of `maskedCrossEntropy`. */
export const MASKED_CROSS_ENTROPY_DEFAULTS = Object.freeze({
  /** The label that marks a position as not counted: PyTorch's `cross_entropy(ignore_index=-100)`, as Hugging Face collators write it. */
  ignoreIndex: -100,
});

export interface MaskedCrossEntropyOptions {
  /** Positions whose label equals this integer are left out of the mean. Default -100. */
  ignoreIndex?: number;
}

const LOSS = 'maskedCrossEntropy';

/**
 * Mean cross-entropy over the positions whose label is not `ignoreIndex`.
 *
 * For every position n with label y_n != ignoreIndex (the set M):
 *
 *   loss = (1 / |M|) sum_{n in M} ( logsumexp_c logits[n, c] - logits[n, y_n] )
 *
 * The masked-prediction loss of BERT's masked language modelling (Devlin et al. 2019),
 * causal language modelling (labels shifted by one, padding ignored), T5 span
 * corruption (Raffel et al. 2020) and HuBERT (Hsu et al. 2021, cluster ids of masked
 * frames as labels, the others ignored).
 *
 * - If every position is ignored, the loss is 0 with zero gradient (not NaN).
 * - Ignored positions contribute nothing, even when their logits are NaN or infinite.
 * - A counted label outside [0, C) makes the loss NaN instead of being dropped silently
 *   (checked on the device, so no data is read back).
 *
 * @param logits Shape [..., C], float32: unnormalised class scores.
 * @param labels Shape [...] (the logits' shape without C), int32: class ids in [0, C) or `ignoreIndex`.
 * @param options `ignoreIndex`, an integer (default -100).
 * @returns A scalar: the mean over counted positions.
 *
 * @example
 * const logits = model.apply(maskedTokens) as tf.Tensor3D;        // [B, T, vocabulary]
 * const labels = tf.tensor2d([[-100, 17, -100, 4]], [1, 4], 'int32'); // original ids at masked positions
 * const loss = maskedCrossEntropy(logits, labels);
 */
export function maskedCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, options: MaskedCrossEntropyOptions = {}): tf.Scalar {
  assertTensor(LOSS, 'logits', logits);
  if (logits.rank < 1) {
    throw new Error(`${LOSS}: logits must be [..., C] (rank >= 1), got ${formatShape(logits.shape)}`);
  }
  assertFloatTensor(LOSS, 'logits', logits, logits.rank, '[..., C]');
  assertTensor(LOSS, 'labels', labels);
  const positionsShape = logits.shape.slice(0, -1);
  if (!shapesEqual(labels.shape, positionsShape)) {
    throw new Error(
      `${LOSS}: labels must be [...] matching logits ${formatShape(logits.shape)} without its last dimension, i.e. ${formatShape(positionsShape)}, got ${formatShape(labels.shape)}`,
    );
  }
  assertDtype(LOSS, 'labels', labels, 'int32');
  const ignoreIndex = options.ignoreIndex ?? MASKED_CROSS_ENTROPY_DEFAULTS.ignoreIndex;
  assertInteger(LOSS, 'ignoreIndex', ignoreIndex);
  const classes = logits.shape[logits.rank - 1];

  return tf.tidy(() => {
    const flatLogits = tf.reshape(logits, [-1, classes]); // [M, C]
    const flatLabels = tf.reshape(labels, [-1]); // [M]
    const positions = flatLabels.shape[0];
    const counted = tf.notEqual(flatLabels, ignoreIndex); // [M]
    const inRange = tf.logicalAnd(tf.greaterEqual(flatLabels, 0), tf.less(flatLabels, classes)); // [M]
    const safeLabels = tf.where(inRange, flatLabels, tf.zerosLike(flatLabels)); // [M]
    // Gather each position's target logit from the flat logits: no [M, C] one-hot (which a
    // 30k-token vocabulary would make large), and no 0 * -inf from other classes' logits.
    const flatIndex = tf.add(tf.mul(tf.range(0, positions, 1, 'int32'), tf.scalar(classes, 'int32')), safeLabels); // [M]
    const targetLogits = tf.gather(tf.reshape(flatLogits, [-1]), flatIndex); // [M]
    const negativeLogLikelihood = tf.sub(tf.logSumExp(flatLogits, -1), targetLogits); // [M]
    const checked = tf.where(inRange, negativeLogLikelihood, tf.fill([positions], Number.NaN)); // [M]
    const perPosition = tf.where(counted, checked, tf.zerosLike(checked)); // [M]
    const count = tf.sum(tf.cast(counted, 'float32'));
    return tf.div(tf.sum(perPosition), tf.maximum(count, 1)) as tf.Scalar;
  });
}
