import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer, type VariableUpdate } from './slot-optimizer.js';

/** Momentum of SimCLR's and BYOL's LARS (Chen et al. 2020; Grill et al. 2020). */
export const LARS_DEFAULT_MOMENTUM = 0.9;
/** SimCLR's ImageNet weight decay with LARS (Chen et al. 2020); BYOL uses 1.5e-6. */
export const LARS_DEFAULT_WEIGHT_DECAY = 1e-6;
/** Trust coefficient η of You et al. 2017, also SimCLR's and BYOL's `eeta`. */
export const LARS_DEFAULT_TRUST_COEFFICIENT = 0.001;

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
 * Slots per variable: `momentum` (and `step`), saved by `getWeights`.
 *
 * @example
 * const optimizer = new LARS({ learningRate: 0.3 * batchSize / 256, weightDecay: 1e-6 });
 * const schedule = warmupCosineSchedule({ baseValue: 0.3 * batchSize / 256, totalSteps, warmupSteps: 10 * stepsPerEpoch });
 * optimizer.learningRate = schedule(step);
 * optimizer.minimize(() => ntXent(z1, z2));
 */
export class LARS extends SlotOptimizer<'momentum'> {
  /** The name under which `tf.serialization.registerClass(LARS)` registers it. */
  static className = 'selfsup.LARS';
  readonly momentum: number;
  readonly trustCoefficient: number;
  /** Read at every step, so a schedule may change it. */
  weightDecay: number;
  private readonly excludeFromAdaptation: (variableName: string) => boolean;

  constructor(options: LarsOptions) {
    super('LARS', options?.learningRate, ['momentum']);
    this.momentum = options.momentum ?? LARS_DEFAULT_MOMENTUM;
    this.weightDecay = options.weightDecay ?? LARS_DEFAULT_WEIGHT_DECAY;
    this.trustCoefficient = options.trustCoefficient ?? LARS_DEFAULT_TRUST_COEFFICIENT;
    this.excludeFromAdaptation = options.excludeFromAdaptation ?? (() => false);
    this.assertHyperparameter('momentum', this.momentum, 0);
    this.checkHyperparameters();
    if (!(this.trustCoefficient > 0) || !Number.isFinite(this.trustCoefficient)) {
      throw new Error(`LARS: trustCoefficient must be a finite number > 0, got ${this.trustCoefficient}`);
    }
    if (typeof this.excludeFromAdaptation !== 'function') {
      throw new Error('LARS: excludeFromAdaptation must be a function (variableName) => boolean');
    }
  }

  protected override checkHyperparameters(): void {
    this.assertHyperparameter('weightDecay', this.weightDecay, 0);
  }

  /** Whether `variable` gets weight decay and a trust ratio: rank >= 2 and not excluded by the predicate. */
  adapts(name: string, variable: tf.Variable): boolean {
    return variable.rank >= 2 && !this.excludeFromAdaptation(name);
  }

  protected override updateVariable({ name, variable, gradient, slots }: VariableUpdate<'momentum'>): void {
    let direction: tf.Tensor = gradient;
    if (this.adapts(name, variable)) {
      const weightNorm = tf.norm(variable);
      const gradientNorm = tf.norm(gradient);
      const bothPositive = tf.logicalAnd(tf.greater(weightNorm, 0), tf.greater(gradientNorm, 0));
      const ratio = tf.div(tf.mul(weightNorm, this.trustCoefficient), tf.add(gradientNorm, tf.mul(weightNorm, this.weightDecay)));
      const trustRatio = tf.where(bothPositive, ratio, tf.onesLike(ratio));
      direction = tf.mul(tf.add(gradient, tf.mul(variable, this.weightDecay)), trustRatio);
    }
    const buffer = tf.add(tf.mul(slots.momentum, this.momentum), direction);
    const updated = tf.sub(variable, tf.mul(buffer, this.learningRate));
    slots.momentum.assign(buffer);
    variable.assign(updated);
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
