import * as tf from '../tf.js';
import { assertFiniteNumber, assertFunction } from '../validation/index.js';
import { SlotOptimizer, type VariableUpdate } from './slot-optimizer.js';

/** Defaults of `AdamW`: those of PyTorch's `torch.optim.AdamW`. */
export const ADAMW_DEFAULTS = Object.freeze({
  /** PyTorch's `torch.optim.AdamW` default learning rate. */
  learningRate: 1e-3,
  /** Decay of the first-moment average (Kingma & Ba 2015; PyTorch default). */
  beta1: 0.9,
  /** Decay of the second-moment average (Kingma & Ba 2015; PyTorch default). */
  beta2: 0.999,
  /** Added to the root of the second moment (Kingma & Ba 2015; PyTorch default). */
  epsilon: 1e-8,
  /** PyTorch's `torch.optim.AdamW` default decoupled weight decay. */
  weightDecay: 0.01,
});

export interface AdamWOptions {
  /** Step size; settable per step through the `learningRate` field. Default 1e-3. */
  learningRate?: number;
  /** First-moment decay, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Second-moment decay, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to sqrt(v̂), >= 0. Default 1e-8. */
  epsilon?: number;
  /** Decoupled weight decay, >= 0; settable per step through the `weightDecay` field. Default 0.01. */
  weightDecay?: number;
  /**
   * Variables (by registered name) that get no weight decay, typically biases and
   * normalisation parameters. Default: none excluded, as in PyTorch.
   */
  excludeFromWeightDecay?: (variableName: string) => boolean;
}

/**
 * Adam with decoupled weight decay. For each variable θ with gradient g, at its step t:
 *
 *   θ ← θ · (1 − lr · wd)                      (decay first, on the old θ; skipped for excluded variables)
 *   m ← β1 · m + (1 − β1) · g
 *   v ← β2 · v + (1 − β2) · g²
 *   θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 *
 * which equals θ ← θ − lr · (m̂ / (sqrt(v̂) + ε) + wd · θ) with m̂ = m / (1 − β1^t) and
 * v̂ = v / (1 − β2^t). The order and the placement of ε are those of PyTorch's
 * `torch.optim.AdamW`; the bias corrections are computed in float64 and t counts this
 * variable's own updates (a variable first trained late starts at t = 1, as in PyTorch).
 * Unlike L2 regularisation, the decay is not scaled by the adaptive denominator.
 *
 * Reference: Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization";
 * defaults from PyTorch's `torch.optim.AdamW` (lr 1e-3, betas (0.9, 0.999), eps 1e-8,
 * weight_decay 0.01).
 *
 * Slots per variable: `m`, `v` (and `step`), saved by `getWeights`.
 *
 * @example
 * const optimizer = new AdamW({ learningRate: 1e-3, weightDecay: 0.05, excludeFromWeightDecay: (name) => name.endsWith('/bias') });
 * const schedule = warmupCosineSchedule({ baseValue: 1e-3, totalSteps: 1000, warmupSteps: 100 });
 * for (let step = 0; step < 1000; step++) {
 *   optimizer.learningRate = schedule(step);
 *   optimizer.minimize(() => loss(batch(step)));
 * }
 */
export class AdamW extends SlotOptimizer<'m' | 'v'> {
  /** The name under which `tf.serialization.registerClass(AdamW)` registers it. */
  static className = 'selfsup.AdamW';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Read at every step, so a schedule may change it (DINO raises it over training). */
  weightDecay: number;
  private readonly excludeFromWeightDecay: (variableName: string) => boolean;

  constructor(options: AdamWOptions = {}) {
    super('AdamW', options.learningRate ?? ADAMW_DEFAULTS.learningRate, ['m', 'v']);
    this.beta1 = options.beta1 ?? ADAMW_DEFAULTS.beta1;
    this.beta2 = options.beta2 ?? ADAMW_DEFAULTS.beta2;
    this.epsilon = options.epsilon ?? ADAMW_DEFAULTS.epsilon;
    this.weightDecay = options.weightDecay ?? ADAMW_DEFAULTS.weightDecay;
    this.excludeFromWeightDecay = options.excludeFromWeightDecay ?? (() => false);
    assertFiniteNumber('AdamW', 'beta1', this.beta1, { min: 0, max: 1, maxExclusive: true });
    assertFiniteNumber('AdamW', 'beta2', this.beta2, { min: 0, max: 1, maxExclusive: true });
    assertFiniteNumber('AdamW', 'epsilon', this.epsilon, { min: 0 });
    this.checkHyperparameters();
    assertFunction('AdamW', 'excludeFromWeightDecay', this.excludeFromWeightDecay, '(variableName) => boolean');
  }

  protected override checkHyperparameters(): void {
    assertFiniteNumber(this.optimizerName, 'weightDecay', this.weightDecay, { min: 0 });
  }

  protected override updateVariable({ name, variable, gradient, slots, step }: VariableUpdate<'m' | 'v'>): void {
    const learningRate = this.learningRate;
    const biasCorrection1 = 1 - this.beta1 ** step;
    const biasCorrection2 = 1 - this.beta2 ** step;
    const decays = this.weightDecay > 0 && !this.excludeFromWeightDecay(name);
    const decayed = decays ? tf.mul(variable, 1 - learningRate * this.weightDecay) : variable;
    const m = tf.add(tf.mul(slots.m, this.beta1), tf.mul(gradient, 1 - this.beta1));
    const v = tf.add(tf.mul(slots.v, this.beta2), tf.mul(tf.square(gradient), 1 - this.beta2));
    const denominator = tf.add(tf.div(tf.sqrt(v), Math.sqrt(biasCorrection2)), this.epsilon);
    const updated = tf.sub(decayed, tf.mul(tf.div(m, denominator), learningRate / biasCorrection1));
    slots.m.assign(m);
    slots.v.assign(v);
    variable.assign(updated);
  }

  /** The numeric options (the exclusion predicate is code and is not serialised). */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }
}
