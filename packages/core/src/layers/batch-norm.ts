import * as tf from '../tf.js';
import { batchNormTraining } from './fused-batch-norm.js';
import { check, inputList, isTraining, type Kwargs, type LayerArgs, type Shape, shapeList } from './layer-tools.js';

export interface BatchNormOptions {
  /**
   * Weight of the new batch statistics in the moving averages, PyTorch's convention:
   * `moving = (1 − momentum)·moving + momentum·batch`. Default 0.1, PyTorch's default.
   * Keras and tf.layers use the opposite convention: their `momentum: 0.99` is `0.01` here.
   */
  momentum?: number;
  /** Added to the variance before the square root. Default 1e-5, as PyTorch. */
  epsilon?: number;
  /** Learn a shift β (PyTorch `affine`). Default true. */
  center?: boolean;
  /** Learn a scale γ (PyTorch `affine`). Default true. */
  scale?: boolean;
}

export type BatchNormArgs = BatchNormOptions & LayerArgs;

const CLASS_NAME = 'SelfsupBatchNorm';

/**
 * Batch normalisation (Ioffe & Szegedy 2015) over every axis but the last ([B, C] after a
 * dense layer, [B, H, W, C] after a convolution), with its own fused gradient
 * (`batchNormTraining`): a replacement for `tf.layers.batchNormalization` whose derived gradient
 * is dominated by Tile (forward + backward ~5x slower on wasm, see docs/layers.md).
 *
 * Training (`apply(x, {training: true})`, `model.fit`) normalises with the batch mean and
 * biased variance and updates the moving mean and the moving *unbiased* variance with
 * `momentum` in PyTorch's convention (default 0.1); inference uses the moving statistics.
 * Weights: `gamma`, `beta` (trainable), `moving_mean`, `moving_variance` (not trainable).
 *
 * Shape: [..., C] (rank >= 2) to the same shape.
 *
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.dense({ inputShape: [16], units: 32, useBias: false }),
 *   batchNorm({ momentum: 0.1 }),
 *   tf.layers.reLU(),
 * ] });
 */
export class BatchNorm extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;
  private movingMean: tf.LayerVariable | null = null;
  private movingVariance: tf.LayerVariable | null = null;

  constructor(args: BatchNormArgs = {}) {
    super(args);
    this.momentum = args.momentum ?? 0.1;
    this.epsilon = args.epsilon ?? 1e-5;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    check(this.momentum >= 0 && this.momentum <= 1, CLASS_NAME, () => `momentum must be in [0, 1] (PyTorch convention), got ${this.momentum}`);
    check(this.epsilon > 0, CLASS_NAME, () => `epsilon must be positive, got ${this.epsilon}`);
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = this.channelsOf(shapeList(inputShape)[0]);
    const ones = tf.initializers.ones();
    const zeros = tf.initializers.zeros();
    if (this.scale) this.gamma = this.addWeight('gamma', [channels], 'float32', ones);
    if (this.center) this.beta = this.addWeight('beta', [channels], 'float32', zeros);
    this.movingMean = this.addWeight('moving_mean', [channels], 'float32', zeros, undefined, false);
    this.movingVariance = this.addWeight('moving_variance', [channels], 'float32', ones, undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = inputList(inputs)[0];
      const channels = this.channelsOf(x.shape);
      const gamma = (this.gamma?.read() ?? tf.ones([channels])) as tf.Tensor1D;
      const beta = (this.beta?.read() ?? tf.zeros([channels])) as tf.Tensor1D;
      const movingMean = this.movingMean as tf.LayerVariable;
      const movingVariance = this.movingVariance as tf.LayerVariable;
      if (!isTraining(kwargs)) {
        const invStd = tf.rsqrt(tf.add(movingVariance.read(), this.epsilon)); // [C]
        return tf.add(tf.mul(tf.sub(x, movingMean.read()), tf.mul(invStd, gamma)), beta);
      }
      const { output, mean, variance } = batchNormTraining(x, gamma, beta, this.epsilon);
      const count = x.size / channels;
      const unbiased = tf.mul(variance, count / (count - 1));
      const keep = 1 - this.momentum;
      movingMean.write(tf.add(tf.mul(movingMean.read(), keep), tf.mul(mean, this.momentum)));
      movingVariance.write(tf.add(tf.mul(movingVariance.read(), keep), tf.mul(unbiased, this.momentum)));
      return output;
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale };
  }

  private channelsOf(shape: Shape): number {
    const channels = shape[shape.length - 1];
    check(shape.length >= 2, CLASS_NAME, () => `input must have rank >= 2 ([batch, ..., channels]), got shape [${shape.map(String)}]`);
    check(channels !== null, CLASS_NAME, () => `the last (channel) dimension of the input must be known, got shape [${shape.map(String)}]`);
    const built = this.movingMean?.shape[0];
    check(built === undefined || built === channels, CLASS_NAME, () => `input has ${channels} channels, the layer was built for ${built}`);
    return channels;
  }
}
tf.serialization.registerClass(BatchNorm);

/**
 * Creates a `BatchNorm` layer (selfsup's batch normalisation with a fused gradient and
 * PyTorch's momentum convention), as `tf.layers.batchNormalization` creates tfjs's.
 *
 * @example
 * const bn = batchNorm({ momentum: 0.1, epsilon: 1e-5 });
 * const y = bn.apply(tf.randomNormal([8, 4]), { training: true }) as tf.Tensor;
 */
export function batchNorm(options: BatchNormArgs = {}): BatchNorm {
  return new BatchNorm(options);
}
