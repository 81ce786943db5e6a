import * as tf from '@tensorflow/tfjs';

/** BYOL's base EMA rate; a cosine schedule takes it to 1 (Grill et al. 2020). */
export const MOMENTUM_ENCODER_DEFAULT_MOMENTUM = 0.996;

/**
 * An exponential moving average copy of a model, never trained: the key encoder of
 * MoCo (He et al. 2020), the target network of BYOL (Grill et al. 2020), the teacher of
 * DINO (Caron et al. 2021).
 *
 *   target ← m · target + (1 − m) · online      (every trainable weight)
 *
 * Non-trainable weights (batch-norm moving statistics) are not averaged: the target's
 * own forward passes in training mode update them, as in the reference implementations
 * where only parameters are averaged. Call `update` from a method's `onStepEnd`, never
 * inside a loss.
 *
 * @example
 * const teacher = await MomentumEncoder.create(student);
 * const keys = stopGradient(teacher.model.apply(view2, { training: true }) as tf.Tensor2D);
 * // ... after the optimizer step:
 * teacher.update(momentumSchedule(step));
 */
export class MomentumEncoder {
  /** The EMA copy: same architecture as the online model, weights frozen. */
  readonly model: tf.LayersModel;
  private readonly online: tf.LayersModel;
  private readonly pairs: [online: tf.LayerVariable, target: tf.LayerVariable][];
  private readonly targetWeights: tf.LayerVariable[];

  /** Builds the EMA copy of `online` from its own topology and weights. */
  static async create(online: tf.LayersModel): Promise<MomentumEncoder> {
    const topology = online.toJSON(null, false) as tf.io.ModelJSON['modelTopology'];
    const copy = await tf.models.modelFromJSON({ modelTopology: topology });
    return new MomentumEncoder(online, copy);
  }

  /**
   * Pairs `online` with `target`, a model of the same architecture (its weights are
   * overwritten with the online ones). Prefer `MomentumEncoder.create`.
   */
  constructor(online: tf.LayersModel, target: tf.LayersModel) {
    this.online = online;
    this.model = target;
    // Pair weights layer by layer: the flat `weights` order changes once the copy is frozen.
    const onlineWeights = online.layers.flatMap((layer) => layer.weights);
    this.targetWeights = target.layers.flatMap((layer) => layer.weights);
    if (onlineWeights.length !== this.targetWeights.length) {
      throw new Error(
        `MomentumEncoder: the target of ${online.name} has ${this.targetWeights.length} weights, expected ${onlineWeights.length}`,
      );
    }
    onlineWeights.forEach((w, i) => {
      if (w.shape.join() !== this.targetWeights[i].shape.join()) {
        throw new Error(`MomentumEncoder: target weight ${i} is [${this.targetWeights[i].shape}], online ${w.name} is [${w.shape}]`);
      }
      tf.tidy(() => {
        this.targetWeights[i].write(tf.clone(w.read()));
      });
    });
    this.model.trainable = false;
    this.pairs = onlineWeights.flatMap((w, i) => (w.trainable ? [[w, this.targetWeights[i]] as [tf.LayerVariable, tf.LayerVariable]] : []));
  }

  /**
   * One EMA step with rate `momentum` in [0, 1] (1 keeps the target unchanged, 0 copies
   * the online model).
   */
  update(momentum: number = MOMENTUM_ENCODER_DEFAULT_MOMENTUM): void {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new Error(`MomentumEncoder.update: momentum must be in [0, 1], got ${momentum}`);
    }
    tf.tidy(() => {
      for (const [online, target] of this.pairs) {
        target.write(tf.add(tf.mul(target.read(), momentum), tf.mul(online.read(), 1 - momentum)));
      }
    });
  }

  /** The target's weights in layer order (the caller disposes them), for checkpoints. */
  getWeights(): tf.Tensor[] {
    return this.targetWeights.map((w) => tf.clone(w.read()));
  }

  /** Restores the target's weights from a checkpoint. */
  setWeights(weights: tf.Tensor[]): void {
    if (weights.length !== this.targetWeights.length) {
      throw new Error(`MomentumEncoder.setWeights: expected ${this.targetWeights.length} tensors, got ${weights.length}`);
    }
    tf.tidy(() => {
      weights.forEach((w, i) => {
        this.targetWeights[i].write(tf.clone(w));
      });
    });
  }

  /**
   * The target's weights as named copies `${prefix}_0`, `${prefix}_1`, ... for a method's
   * checkpoint state (the caller, normally the trainer, disposes them).
   *
   * @example
   * getState: () => ({ tensors: { ...teacher.getNamedWeights('teacher'), center: tf.clone(center) } }),
   */
  getNamedWeights(prefix: string): tf.NamedTensorMap {
    return Object.fromEntries(this.getWeights().map((w, i) => [`${prefix}_${i}`, w]));
  }

  /** Restores weights saved by `getNamedWeights(prefix)`, ignoring other entries of `tensors`. */
  setNamedWeights(tensors: tf.NamedTensorMap, prefix: string): void {
    const weights = this.targetWeights.map((_, i) => {
      const tensor = tensors[`${prefix}_${i}`];
      if (!tensor) throw new Error(`MomentumEncoder.setNamedWeights: '${prefix}_${i}' is missing from the saved state`);
      return tensor;
    });
    this.setWeights(weights);
  }

  /** Frees the target's weights. */
  dispose(): void {
    this.model.dispose();
  }

  /** The online model this encoder follows. */
  get source(): tf.LayersModel {
    return this.online;
  }
}
