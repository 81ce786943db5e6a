import * as tf from '../tf.js';
import { assertPositiveNumber } from '../validation/index.js';
import { MomentumOptimizer } from './momentum-optimizer.js';
import type { VariableUpdate } from './slot-optimizer.js';

/** Defaults of `LARS`: SimCLR's and BYOL's settings. */
export const LARS_DEFAULTS = Object.freeze({
  /** Momentum of SimCLR's and BYOL's LARS (Chen et al. 2020; Grill et al. 2020). */
  momentum: 0.9,
  /** SimCLR's ImageNet weight decay with LARS (Chen et al. 2020); BYOL uses 1.5e-6. */
  weightDecay: 1e-6,
  /** Trust coefficient η of You et al. 2017, also SimCLR's and BYOL's `eeta`. */
  trustCoefficient: 0.001,
});

export interface LarsOptions {
  /** Global step size (required: SimCLR uses 0.3 × batch / 256); settable per step through the `learningRate` field. */
  learningRate: number;
  /** Momentum μ, >= 0. Default 0.9. */
  momentum?: number;
  /** Weight decay β, >= 0, added to the gradient of adapted variables; settable per step through the `weightDecay` field. Default 1e-6. */
  weightDecay?: number;
  /** Trust coefficient η, > 0. Default 0.001. */
  trustCoefficient?: number;
  /**
   * Further variables (by registered name) to exclude from weight decay and adaptation.
   * Variables of rank 0 or 1 (biases, batch-norm and layer-norm scales and offsets) are
   * always excluded. Default: no others.
   */
  excludeFromAdaptation?: (variableName: string) => boolean;
}

/**
 * Layer-wise Adaptive Rate Scaling: SGD with momentum whose step, for each variable
 * (layer), is scaled by a trust ratio that keeps the update in proportion to the weights.
 * For a variable θ with gradient g:
 *
 *   adapted (rank >= 2 and not excluded by the predicate):
 *     λ = η · ||θ|| / (||g|| + β · ||θ||)      (λ = 1 when ||θ|| = 0 or ||g|| = 0)
 *     d = λ · (g + β · θ)
 *   excluded (biases, normalisation parameters, predicate):
 *     d = g                                   (no weight decay, trust ratio 1)
 *   b ← μ · b + d;   θ ← θ − lr · b
 *
 * Norms are Euclidean over the whole variable. The denominator is You et al.'s (and
 * solo-learn's) ||g|| + β·||θ||; SimCLR's TensorFlow code uses ||g + β·θ||, which agrees
 * when β = 0 and differs little while β·||θ|| is small next to ||g||. The learning rate
 * multiplies the buffer when it is applied, as in solo-learn's PyTorch LARS; You et al.
 * and SimCLR put lr · λ inside the buffer, which gives the same updates while lr is
 * constant and differs only while a schedule changes it.
 *
 * Reference: You, Gitman & Ginsburg 2017, "Large Batch Training of Convolutional
 * Networks"; as used by SimCLR (Chen et al. 2020: momentum 0.9, weight decay 1e-6,
 * η = 0.001, biases and batch-norm parameters excluded) and BYOL (Grill et al. 2020).
 *
 * Slots per variable: `momentum` (and `step`), saved by `getWeights`. The buffer update is
 * the one `MomentumOptimizer` shares with SGD; LARS adds only the trust-ratio direction.
 *
 * @example
 * const optimizer = new LARS({ learningRate: 0.3 * batchSize / 256, weightDecay: 1e-6 });
 * const schedule = warmupCosineSchedule({ baseValue: 0.3 * batchSize / 256, totalSteps, warmupSteps: 10 * stepsPerEpoch });
 * optimizer.learningRate = schedule(step);
 * optimizer.minimize(() => ntXent(z1, z2));
 */
export class LARS extends MomentumOptimizer {
  /** The name under which `tf.serialization.registerClass(LARS)` registers it. */
  static className = 'selfsup.LARS';
  readonly trustCoefficient: number;

  constructor(options: LarsOptions) {
    super('LARS', {
      learningRate: options?.learningRate,
      momentum: options.momentum ?? LARS_DEFAULTS.momentum,
      weightDecay: options.weightDecay ?? LARS_DEFAULTS.weightDecay,
      nesterov: false,
      exclude: options.excludeFromAdaptation ?? (() => false),
      excludeOption: 'excludeFromAdaptation',
    });
    this.trustCoefficient = options.trustCoefficient ?? LARS_DEFAULTS.trustCoefficient;
    assertPositiveNumber('LARS', 'trustCoefficient', this.trustCoefficient);
  }

  /** Whether `variable` gets weight decay and a trust ratio: rank >= 2 and not excluded by the predicate. */
  adapts(name: string, variable: tf.Variable): boolean {
    return variable.rank >= 2 && !this.exclude(name);
  }

  protected override direction({ name, variable, gradient }: VariableUpdate<'momentum'>): tf.Tensor {
    if (!this.adapts(name, variable)) return gradient;
    const weightNorm = tf.norm(variable);
    const gradientNorm = tf.norm(gradient);
    const bothPositive = tf.logicalAnd(tf.greater(weightNorm, 0), tf.greater(gradientNorm, 0));
    const ratio = tf.div(tf.mul(weightNorm, this.trustCoefficient), tf.add(gradientNorm, tf.mul(weightNorm, this.weightDecay)));
    const trustRatio = tf.where(bothPositive, ratio, tf.onesLike(ratio));
    return tf.mul(this.withWeightDecay(gradient, variable), trustRatio);
  }

  /** The numeric options (the exclusion predicate is code and is not serialised). */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      momentum: this.momentum,
      weightDecay: this.weightDecay,
      trustCoefficient: this.trustCoefficient,
    };
  }
}
