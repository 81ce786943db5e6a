import * as tf from '../tf.js';
import { check, type FusedForward, fusedOp } from './layer-tools.js';

export interface BatchNormTrainingResult {
  /** The normalised, scaled and shifted input: the shape of `x`. */
  output: tf.Tensor;
  /** The batch mean per channel. Shape: [C]. */
  mean: tf.Tensor1D;
  /** The biased batch variance per channel (divided by M, the values per channel). Shape: [C]. */
  variance: tf.Tensor1D;
}

/**
 * Batch normalisation with batch statistics (Ioffe & Szegedy 2015) over every axis but the
 * last, with its own fused gradient. With x̂ = (x − mean)·invstd, invstd = 1/√(var + ε),
 * M values per channel and sums over all axes but the last:
 *
 *   dx = γ·invstd/M · (M·dy − Σdy − x̂·Σ(dy·x̂)),  dγ = Σ(dy·x̂),  dβ = Σdy
 *
 * computed with reductions and [C]-vector broadcasts only, no Tile: the gradient tfjs
 * derives for `tf.layers.batchNormalization` spends most of a wasm training step in Tile.
 *
 * Shapes: x [..., C] (rank >= 2, float32); gamma, beta [C]. The statistics come back as
 * ordinary tensors (no gradient flows through them) for the moving averages.
 *
 * @example
 * const { output, mean, variance } = batchNormTraining(x, gamma, beta, 1e-5);
 */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number): BatchNormTrainingResult {
  const channels = x.shape[x.rank - 1];
  check(x.rank >= 2, 'batchNormTraining', () => `x must have rank >= 2, got shape [${x.shape}]`);
  check(x.dtype === 'float32', 'batchNormTraining', () => `x must be float32, got ${x.dtype}`);
  check(
    gamma.rank === 1 && beta.rank === 1 && gamma.shape[0] === channels && beta.shape[0] === channels,
    'batchNormTraining',
    () => `gamma and beta must have shape [${channels}], got [${gamma.shape}] and [${beta.shape}]`,
  );
  const axes = x.shape.slice(0, -1).map((_, axis) => axis);
  const count = x.size / channels;
  check(count > 1, 'batchNormTraining', () => `needs more than one value per channel in training, got x of shape [${x.shape}]`);

  // The statistics leave the customGrad forward (which runs in its own tidy) as kept tensors.
  let keptMean: tf.Tensor1D | undefined;
  let keptVariance: tf.Tensor1D | undefined;
  const forward = ([input, scale, shift]: tf.Tensor[], save: tf.GradSaveFunc): FusedForward => {
    const mean = tf.mean(input, axes) as tf.Tensor1D; // [C]
    const centered = tf.sub(input, mean); // [..., C]
    const variance = tf.mean(tf.square(centered), axes) as tf.Tensor1D; // [C]
    const invStd = tf.rsqrt(tf.add(variance, epsilon)); // [C]
    const normalized = tf.mul(centered, invStd); // x̂ [..., C]
    keptMean = tf.keep(mean);
    keptVariance = tf.keep(variance);
    save([normalized, invStd, scale]);
    return {
      value: tf.add(tf.mul(normalized, scale), shift),
      gradFunc: (dy: tf.Tensor, [xHat, savedInvStd, savedScale]: tf.Tensor[]) => {
        const sumDy = tf.sum(dy, axes); // dβ [C]
        const sumDyXHat = tf.sum(tf.mul(dy, xHat), axes); // dγ [C]
        // dx = a·dy − a·Σdy/M − x̂·a·Σ(dy·x̂)/M with a = γ·invstd: two [C] vectors, four full passes.
        const a = tf.mul(savedScale, savedInvStd);
        const b = tf.mul(a, tf.div(sumDy, count));
        const c = tf.mul(a, tf.div(sumDyXHat, count));
        const dx = tf.sub(tf.sub(tf.mul(dy, a), b), tf.mul(xHat, c));
        return [dx, sumDyXHat, sumDy];
      },
    };
  };
  const output = fusedOp(forward, x, gamma, beta);
  // Clones are tracked by the caller's scope; the kept originals are released here.
  const mean = (keptMean as tf.Tensor1D).clone();
  const variance = (keptVariance as tf.Tensor1D).clone();
  tf.dispose([keptMean as tf.Tensor1D, keptVariance as tf.Tensor1D]);
  return { output, mean, variance };
}
