import * as tf from '../tf.js';
import { type StateSnapshot, type Stateful, requireStateTensor } from './stateful.js';

/** Defaults of `MomentumEncoder`. */
export const MOMENTUM_ENCODER_DEFAULTS = Object.freeze({
  /** The rate of `update()`: BYOL's base EMA rate, which a cosine schedule takes to 1 (Grill et al. 2020). */
  momentum: 0.996,
});

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
 * inside a loss. It is `Stateful`: list it in a method's `state()` and the trainer saves it.
 *
 * @example
 * const teacher = new MomentumEncoder(student);
 * const keys = stopGradient(teacher.model.apply(view2, { training: true }) as tf.Tensor2D);
 * // ... after the optimizer step:
 * teacher.update(momentumSchedule(step));
 */
export class MomentumEncoder implements Stateful {
  /** The EMA copy: same architecture as the online model, weights frozen. */
  readonly model: tf.LayersModel;
  /** The online model this encoder follows. */
  readonly source: tf.LayersModel;
  private readonly pairs: [online: tf.LayerVariable, target: tf.LayerVariable][];
  private readonly targetWeights: tf.LayerVariable[];
  private readonly statistics: tf.LayerVariable[];

  /**
   * Builds the EMA copy of `online` from its own configuration (synchronously) and copies
   * its weights.
   */
  constructor(online: tf.LayersModel) {
    const modelClass = online.constructor as typeof tf.LayersModel;
    // fromConfig rebuilds the same topology (nested models and registered custom layers too).
    const target = modelClass.fromConfig(modelClass, online.getConfig() as tf.serialization.ConfigDict) as tf.LayersModel;
    this.source = online;
    this.model = target;
    // Pair weights layer by layer: the flat `weights` order changes once the copy is frozen.
    const onlineWeights = online.layers.flatMap((layer) => layer.weights);
    this.targetWeights = target.layers.flatMap((layer) => layer.weights);
    if (onlineWeights.length !== this.targetWeights.length) {
      throw new Error(`MomentumEncoder: the copy of ${online.name} has ${this.targetWeights.length} weights, expected ${onlineWeights.length}`);
    }
    onlineWeights.forEach((w, i) => {
      tf.tidy(() => {
        this.targetWeights[i].write(tf.clone(w.read()));
      });
    });
    this.model.trainable = false;
    this.pairs = onlineWeights.flatMap((w, i) => (w.trainable ? [[w, this.targetWeights[i]] as [tf.LayerVariable, tf.LayerVariable]] : []));
    this.statistics = this.targetWeights.filter((_, i) => !onlineWeights[i].trainable);
  }

  /**
   * One EMA step with rate `momentum` in [0, 1] (1 keeps the target unchanged, 0 copies
   * the online model).
   */
  update(momentum: number = MOMENTUM_ENCODER_DEFAULTS.momentum): void {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new Error(`MomentumEncoder.update: momentum must be in [0, 1], got ${momentum}`);
    }
    tf.tidy(() => {
      for (const [online, target] of this.pairs) {
        target.write(tf.add(tf.mul(target.read(), momentum), tf.mul(online.read(), 1 - momentum)));
      }
    });
  }

  /**
   * The averaged weights (the targets of the trainable ones): what a data-parallel
   * trainer sends to its workers with the trainable weights every step.
   */
  averagedVariables(): tf.Variable[] {
    return this.pairs.map(([, target]) => target.read() as tf.Variable);
  }

  /**
   * The target's own moving statistics (batch norm's, the copies of the online model's
   * non-trainable weights): changed by its forward passes, not by `update`.
   */
  statisticVariables(): tf.Variable[] {
    return this.statistics.map((w) => w.read() as tf.Variable);
  }

  /** Copies of the target's weights, in layer order, as `weight_0`, `weight_1`, ... */
  getState(): StateSnapshot {
    return { tensors: Object.fromEntries(this.targetWeights.map((w, i) => [`weight_${i}`, tf.clone(w.read())])) };
  }

  /** Restores `getState()`'s output (shapes checked). */
  setState(state: StateSnapshot): void {
    const weights = this.targetWeights.map((w, i) => {
      const saved = requireStateTensor(state, `weight_${i}`, 'MomentumEncoder');
      if (saved.shape.join() !== w.shape.join()) {
        throw new Error(`MomentumEncoder.setState: weight_${i} is [${saved.shape}], the model's ${w.name} is [${w.shape}]`);
      }
      return saved;
    });
    tf.tidy(() => {
      weights.forEach((saved, i) => {
        this.targetWeights[i].write(tf.clone(saved));
      });
    });
  }

  /** Frees the target's weights. */
  dispose(): void {
    this.model.dispose();
  }
}
