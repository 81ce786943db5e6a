import * as tf from '../tf.js';
import { l2Normalize } from '../ops/l2-normalize.js';
import { assertFloatTensor, assertPositiveNumber, assertSameShape, formatShape } from '../validation/index.js';

/** Defaults of `wav2vecContrastiveLoss`. */
export const WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS = Object.freeze({
  /** Temperature κ of wav2vec 2.0's contrastive task (Baevski et al. 2020). */
  temperature: 0.1,
});
/** Distractors per masked frame in wav2vec 2.0 (sampled by the caller). */
export const WAV2VEC_DISTRACTORS = 100;

export interface Wav2vecContrastiveLossOptions {
  /** Divides every cosine similarity. Default `WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS.temperature` (0.1). */
  temperature?: number;
}

const LOSS = 'wav2vecContrastiveLoss';

/**
 * wav2vec 2.0's contrastive loss: at each masked frame, pick the true quantized latent
 * among distractors by cosine similarity with the context vector.
 *
 * For masked frame t with context c_t, true latent q_t and distractors d_t1..d_tK:
 *
 *   logits_t = [cos(c_t, q_t), cos(c_t, d_t1), ..., cos(c_t, d_tK)] / temperature
 *   logits_t[k] = -inf for every distractor exactly equal to q_t (fairseq's neg_is_pos)
 *   loss = mean_t ( logsumexp(logits_t) - logits_t[0] )
 *
 * fairseq sums over masked frames and divides by the sample size (the number of masked
 * frames); this returns that mean directly. Cosines use `l2Normalize` (norms clamped at
 * 1e-12, where fairseq's cosine_similarity clamps at 1e-8: the same for non-tiny vectors).
 *
 * Reference: wav2vec 2.0 (Baevski et al. 2020, "wav2vec 2.0: A Framework for
 * Self-Supervised Learning of Speech Representations").
 *
 * Pure: the caller selects the masked frames (T of them, possibly from several
 * utterances) and samples the distractors from other masked frames of the same
 * utterance. fairseq does not detach the quantized targets or the distractors (the
 * quantizer learns through them), so wav2vec 2.0 needs no stopGradient here.
 *
 * @param context Shape [T, D], float32: Transformer outputs at masked frames (after the final projection).
 * @param quantized Shape [T, D], float32: quantized latents of the same frames.
 * @param distractors Shape [T, K, D], float32: K quantized latents of other masked frames, per frame.
 * @param options `temperature` > 0 (default 0.1).
 * @returns A scalar: the mean loss over the T frames.
 *
 * @example
 * const loss = tf.add(
 *   wav2vecContrastiveLoss(context, quantized, distractors),
 *   tf.mul(WAV2VEC_DIVERSITY_WEIGHT, codebookDiversityLoss(codebookProbabilities)),
 * );
 */
export function wav2vecContrastiveLoss(
  context: tf.Tensor2D,
  quantized: tf.Tensor2D,
  distractors: tf.Tensor3D,
  options: Wav2vecContrastiveLossOptions = {},
): tf.Scalar {
  assertFloatTensor(LOSS, 'context', context, 2, '[T, D]');
  assertFloatTensor(LOSS, 'quantized', quantized, 2, '[T, D]');
  assertSameShape(LOSS, 'quantized', quantized, 'context', context, '[T, D]');
  assertFloatTensor(LOSS, 'distractors', distractors, 3, '[T, K, D]');
  const [frames, dimension] = context.shape;
  if (distractors.shape[0] !== frames || distractors.shape[2] !== dimension) {
    throw new Error(
      `${LOSS}: distractors must be [T, K, D] with T = ${frames} and D = ${dimension} as in context, got ${formatShape(distractors.shape)}`,
    );
  }
  const temperature = options.temperature ?? WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS.temperature;
  assertPositiveNumber(LOSS, 'temperature', temperature);
  const count = distractors.shape[1];

  return tf.tidy(() => {
    const c = l2Normalize(context); // [T, D]
    const positiveLogits = tf.div(tf.sum(tf.mul(c, l2Normalize(quantized)), -1), temperature); // [T]
    const distractorLogits = tf.div(tf.sum(tf.mul(tf.expandDims(c, 1), l2Normalize(distractors)), -1), temperature); // [T, K]
    const isPositive = equalsPositive(quantized, distractors); // [T, K]
    const maskedDistractors = tf.where(isPositive, tf.fill([frames, count], Number.NEGATIVE_INFINITY), distractorLogits);
    const logits = tf.concat([tf.expandDims(positiveLogits, 1), maskedDistractors], 1); // [T, 1 + K]
    return tf.mean(tf.sub(tf.logSumExp(logits, -1), positiveLogits)) as tf.Scalar;
  });
}

/**
 * [T, K] bool: whether distractor k of frame t equals q_t in every component. It is a
 * comparison, so it passes no gradient (tfjs has no gradient for All; a custom gradient
 * of zeros keeps the tape from looking for one).
 */
function equalsPositive(quantized: tf.Tensor2D, distractors: tf.Tensor3D): tf.Tensor2D {
  const compare = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [q, d] = inputs as tf.Tensor[];
    return {
      value: tf.all(tf.equal(tf.expandDims(q, 1), d), -1),
      gradFunc: () => [tf.zerosLike(q), tf.zerosLike(d)],
    };
  });
  return compare(quantized, distractors) as tf.Tensor2D;
}
