import * as tf from '../tf.js';
import { assertDtype, assertNonEmpty, assertOneOf, assertTensor, formatShape, shapesEqual } from '../validation/index.js';

/** Which elementwise error to average: squared ('mse') or absolute ('l1'). */
export type ReconstructionKind = 'mse' | 'l1';

/** Defaults of `reconstructionLoss`. */
export const RECONSTRUCTION_LOSS_DEFAULTS = Object.freeze({
  /** Squared error, as in Context Encoders' reconstruction term and MAE. */
  kind: 'mse' as ReconstructionKind,
});

export interface ReconstructionLossOptions {
  /**
   * Which elements count: 1 = counted, 0 = ignored. Same shape as `pred` or
   * broadcastable to it (e.g. a per-patch mask [N, L, 1] for predictions [N, L, P]).
   * float32 or bool.
   */
  mask?: tf.Tensor;
  /** 'mse' (default) or 'l1'. */
  kind?: ReconstructionKind;
}

const LOSS = 'reconstructionLoss';
const KINDS: readonly ReconstructionKind[] = ['mse', 'l1'];

/**
 * Mean squared (or absolute) reconstruction error, optionally over masked elements only.
 *
 * With e = (pred - target)² for 'mse' or |pred - target| for 'l1', elementwise:
 *
 *   no mask:   loss = mean(e)
 *   mask m:    loss = sum(m · e) / sum(m broadcast to pred's shape)
 *
 * For a 0/1 mask the denominator is the number of counted elements after broadcasting,
 * so a per-patch mask [N, L, 1] on [N, L, P] predictions gives MAE's loss (mean over the
 * patch, then mean over masked patches). An all-zero mask gives 0 (with zero gradient),
 * not NaN. Otherwise masked-out elements are multiplied by 0, so a NaN or infinite
 * value there still makes the loss NaN, as in MAE's `(loss * mask).sum() / mask.sum()`.
 *
 * References: Context Encoders (Pathak et al. 2016, "Context Encoders: Feature Learning
 * by Inpainting"), masked autoencoders (He et al. 2022, "Masked Autoencoders Are
 * Scalable Vision Learners"), denoising autoencoders (Vincent et al. 2008).
 *
 * Pure: normalising the target per patch (MAE's norm_pix_loss) is up to the caller.
 *
 * @param pred Any shape, float32: the reconstruction.
 * @param target Same shape as `pred`, float32.
 * @param options `mask` (float32 or bool, broadcastable to pred) and `kind` ('mse' | 'l1', default 'mse').
 * @returns A scalar.
 *
 * @example
 * // MAE: pred and target [N, L, P] patches, mask [N, L, 1] with 1 on removed patches
 * const loss = reconstructionLoss(pred, target, { mask });
 */
export function reconstructionLoss(pred: tf.Tensor, target: tf.Tensor, options: ReconstructionLossOptions = {}): tf.Scalar {
  assertTensor(LOSS, 'pred', pred);
  assertDtype(LOSS, 'pred', pred, 'float32');
  assertNonEmpty(LOSS, 'pred', pred, 'a tensor');
  assertTensor(LOSS, 'target', target);
  if (!shapesEqual(target.shape, pred.shape)) {
    throw new Error(`${LOSS}: target must have the shape of pred ${formatShape(pred.shape)}, got ${formatShape(target.shape)}`);
  }
  assertDtype(LOSS, 'target', target, 'float32');
  const kind = options.kind ?? RECONSTRUCTION_LOSS_DEFAULTS.kind;
  assertOneOf(LOSS, 'kind', kind, KINDS);
  const mask = options.mask;
  if (mask !== undefined) {
    assertTensor(LOSS, 'options.mask', mask);
    const offset = pred.rank - mask.rank;
    const broadcastable = offset >= 0 && mask.shape.every((size, i) => size === 1 || size === pred.shape[offset + i]);
    if (!broadcastable) {
      throw new Error(
        `${LOSS}: options.mask must have the shape of pred ${formatShape(pred.shape)} or one broadcastable to it, got ${formatShape(mask.shape)}`,
      );
    }
    if (mask.dtype !== 'float32' && mask.dtype !== 'bool') {
      throw new Error(`${LOSS}: options.mask must have dtype float32 or bool, got ${mask.dtype}`);
    }
  }

  return tf.tidy(() => {
    const difference = tf.sub(pred, target);
    const error = kind === 'mse' ? tf.square(difference) : tf.abs(difference);
    if (mask === undefined) return tf.mean(error) as tf.Scalar;
    const weights = mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32');
    const numerator = tf.sum(tf.mul(error, weights));
    // Each mask element stands for pred.size / mask.size elements once broadcast.
    const count = tf.mul(tf.sum(weights), pred.size / mask.size);
    const nothingCounted = tf.greaterEqual(0, count);
    const safeCount = tf.where(nothingCounted, tf.onesLike(count), count);
    return tf.where(nothingCounted, tf.zerosLike(count), tf.div(numerator, safeCount)) as tf.Scalar;
  });
}
