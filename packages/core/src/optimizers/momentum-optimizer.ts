import * as tf from '../tf.js';
import { assertFiniteNumber, assertFunction } from '../validation/index.js';
import { SlotOptimizer, type VariableUpdate } from './slot-optimizer.js';

/** What a `MomentumOptimizer` subclass passes to its constructor. */
export interface MomentumSettings {
  /** Step size, >= 0; settable per step through the `learningRate` field. */
  learningRate: number;
  /** Momentum μ, >= 0; 0 is plain gradient descent. */
  momentum: number;
  /** Coupled weight decay β, >= 0; settable per step through the `weightDecay` field. */
  weightDecay: number;
  /** Nesterov momentum (needs momentum > 0). */
  nesterov: boolean;
  /** Variables (by registered name) that the subclass treats apart (no weight decay, no adaptation). */
  exclude: (variableName: string) => boolean;
  /** The option `exclude` came from, for errors: `excludeFromWeightDecay`. */
  excludeOption: string;
}

/**
 * The heavy-ball update that SGD and LARS share, on one `momentum` slot per variable:
 *
 *   d = direction(g, θ)      (the subclass: g + β · θ for SGD, scaled by the trust ratio for LARS)
 *   b ← μ · b + d            (b starts at 0, so the first step gives b = d)
 *   θ ← θ − lr · b           (or, with Nesterov: θ ← θ − lr · (d + μ · b))
 *
 * The learning rate multiplies the buffer when it is applied (PyTorch's and solo-learn's
 * formulation), so a schedule that changes it rescales the whole step at once. It checks
 * `momentum` and the exclusion predicate once, and `weightDecay` before every step (a
 * schedule may change it). Subclasses implement only `direction` and `getConfig`.
 *
 * Reference: Polyak 1964 (heavy ball); Sutskever et al. 2013 (Nesterov form); update rule
 * of PyTorch's `torch.optim.SGD` (dampening 0).
 *
 * @example
 * class PlainMomentum extends MomentumOptimizer {
 *   static className = 'PlainMomentum';
 *   constructor(learningRate: number) {
 *     super('PlainMomentum', { learningRate, momentum: 0.9, weightDecay: 0, nesterov: false, exclude: () => false, excludeOption: 'exclude' });
 *   }
 *   protected direction({ gradient }: VariableUpdate<'momentum'>): tf.Tensor { return gradient; }
 *   getConfig() { return { learningRate: this.learningRate, momentum: this.momentum }; }
 * }
 */
export abstract class MomentumOptimizer extends SlotOptimizer<'momentum'> {
  /** Momentum μ of the buffer. */
  readonly momentum: number;
  /** Read at every step, so a schedule may change it. */
  weightDecay: number;
  /** Whether the step is θ − lr · (d + μ · b) instead of θ − lr · b. */
  protected readonly nesterov: boolean;
  /** The subclass's exclusion predicate, checked to be a function. */
  protected readonly exclude: (variableName: string) => boolean;

  protected constructor(optimizerName: string, settings: MomentumSettings) {
    super(optimizerName, settings.learningRate, ['momentum']);
    this.momentum = settings.momentum;
    this.weightDecay = settings.weightDecay;
    this.nesterov = settings.nesterov;
    this.exclude = settings.exclude;
    assertFiniteNumber(optimizerName, 'momentum', this.momentum, { min: 0 });
    this.checkHyperparameters();
    if (this.nesterov && this.momentum === 0) {
      throw new Error(`${optimizerName}: nesterov needs momentum > 0, got momentum 0`);
    }
    assertFunction(optimizerName, settings.excludeOption, this.exclude, '(variableName) => boolean');
  }

  protected override checkHyperparameters(): void {
    assertFiniteNumber(this.optimizerName, 'weightDecay', this.weightDecay, { min: 0 });
  }

  /** The direction d fed into the buffer for one variable; runs inside `tf.tidy`. */
  protected abstract direction(update: VariableUpdate<'momentum'>): tf.Tensor;

  /** g + β · θ: the gradient with coupled (L2) weight decay. */
  protected withWeightDecay(gradient: tf.Tensor, variable: tf.Variable): tf.Tensor {
    return tf.add(gradient, tf.mul(variable, this.weightDecay));
  }

  protected override updateVariable(update: VariableUpdate<'momentum'>): void {
    const { variable, slots } = update;
    const direction = this.direction(update);
    const buffer = tf.add(tf.mul(slots.momentum, this.momentum), direction);
    const step = this.nesterov ? tf.add(direction, tf.mul(buffer, this.momentum)) : buffer;
    const updated = tf.sub(variable, tf.mul(step, this.learningRate));
    slots.momentum.assign(buffer);
    variable.assign(updated);
  }
}
