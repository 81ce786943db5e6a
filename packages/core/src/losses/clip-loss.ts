import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { assertDtype, assertFiniteNumber, assertFloatTensor, assertPositiveNumber, assertSameShape, assertTensor } from '../validation/index.js';

/**
 * CLIP's initial logit scale, 1 / 0.07 (Radford et al. 2021). The model stores its
 * logarithm as a learnable parameter, clamps it at log(100), and passes exp() of it here.
 */
export const CLIP_INITIAL_LOGIT_SCALE = 1 / 0.07;
/** Defaults of `clipLoss`. */
export const CLIP_LOSS_DEFAULTS = Object.freeze({
  /** CLIP trains without label smoothing (Radford et al. 2021); ALIGN uses `ALIGN_LABEL_SMOOTHING`. */
  labelSmoothing: 0,
});
/** ALIGN's label smoothing (Jia et al. 2021). */
export const ALIGN_LABEL_SMOOTHING = 0.1;

export interface ClipLossOptions {
  /**
   * ε in [0, 1): each target becomes (1 - ε)·onehot + ε/N, as PyTorch's
   * `cross_entropy(label_smoothing=ε)`. Default 0 (CLIP); ALIGN uses 0.1.
   */
  labelSmoothing?: number;
}

const LOSS = 'clipLoss';

/**
 * CLIP's symmetric contrastive loss between matched image and text embeddings.
 *
 * With u, v the L2-normalised image and text rows and s the logit scale (a multiplier):
 *
 *   logits = s · u vᵀ                                  [N, N]; pair i matches row/column i
 *   CE(x) = mean_i -sum_j y_ij log softmax(x_i)_j,      y = (1 - ε)·I + ε/N
 *   loss = (CE(logits) + CE(logitsᵀ)) / 2              (image→text and text→image)
 *
 * References: CLIP (Radford et al. 2021, "Learning Transferable Visual Models From
 * Natural Language Supervision"); ALIGN (Jia et al. 2021, "Scaling Up Visual and
 * Vision-Language Representation Learning With Noisy Text Supervision"): the same loss
 * with label smoothing 0.1 and a learnable temperature, i.e. s = 1 / temperature.
 *
 * `logitScale` is the multiplier itself (exp of the model's learnable log-scale), as
 * open_clip's loss receives it. When it is a tensor, gradient flows into it. The loss
 * neither exponentiates nor clamps it.
 *
 * @param image Shape [N, D], float32: image embeddings.
 * @param text Shape [N, D], float32: text embeddings; row i describes image i.
 * @param logitScale A finite number > 0, or a float32 scalar tensor (e.g. `tf.exp(logScale)`).
 * @param options `labelSmoothing` in [0, 1) (default 0).
 * @returns A scalar: the mean of the two directions' mean cross-entropies.
 *
 * @example
 * const logScale = tf.variable(tf.scalar(Math.log(CLIP_INITIAL_LOGIT_SCALE)));
 * const loss = clipLoss(imageEmbeddings, textEmbeddings, tf.exp(logScale) as tf.Scalar);
 * const alignLoss = clipLoss(imageEmbeddings, textEmbeddings, tf.div(1, temperature) as tf.Scalar, {
 *   labelSmoothing: ALIGN_LABEL_SMOOTHING,
 * });
 */
export function clipLoss(image: tf.Tensor2D, text: tf.Tensor2D, logitScale: number | tf.Scalar, options: ClipLossOptions = {}): tf.Scalar {
  assertFloatTensor(LOSS, 'image', image, 2, '[N, D]');
  assertFloatTensor(LOSS, 'text', text, 2, '[N, D]');
  assertSameShape(LOSS, 'text', text, 'image', image, '[N, D]');
  if (typeof logitScale === 'number') {
    assertPositiveNumber(LOSS, 'logitScale', logitScale);
  } else {
    assertTensor(LOSS, 'logitScale', logitScale);
    if (logitScale.rank !== 0) {
      throw new Error(`${LOSS}: logitScale must be a number or a scalar tensor (rank 0), got shape [${logitScale.shape.join(', ')}]`);
    }
    assertDtype(LOSS, 'logitScale', logitScale, 'float32');
  }
  const labelSmoothing = options.labelSmoothing ?? CLIP_LOSS_DEFAULTS.labelSmoothing;
  assertFiniteNumber(LOSS, 'labelSmoothing', labelSmoothing, { min: 0, max: 1, maxExclusive: true });
  const batch = image.shape[0];

  return tf.tidy(() => {
    const logits = tf.mul(logitScale, tf.matMul(l2Normalize(image), l2Normalize(text), false, true)); // [N, N]
    const targets = tf.add(tf.mul(tf.eye(batch), 1 - labelSmoothing), labelSmoothing / batch); // [N, N]
    const crossEntropy = (x: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(x)), -1)));
    const imageToText = crossEntropy(logits);
    const textToImage = crossEntropy(tf.transpose(logits));
    return tf.div(tf.add(imageToText, textToImage), 2) as tf.Scalar;
  });
}
