import * as tf from '@tensorflow/tfjs';
import { SlotOptimizer, type VariableUpdate } from './slot-optimizer.js';

/** Momentum of the heavy-ball buffer: the value of MoCo (He et al. 2020) and most ImageNet SGD recipes. */
export const SGD_DEFAULT_MOMENTUM = 0.9;
/** PyTorch's `torch.optim.SGD` default: no weight decay. */
export const SGD_DEFAULT_WEIGHT_DECAY = 0;

export interface SgdOptions {
  /** Step size (required: it depends on the batch size and recipe); settable per step through the `learningRate` field. */
  learningRate: number;
  /** Momentum μ, >= 0; 0 is plain SGD. Default 0.9. */
  momentum?: number;
  /** Use Nesterov momentum (needs momentum > 0). Default false. */
  nesterov?: boolean;
  /** Coupled (L2) weight decay added to the gradient, >= 0; settable per step through the `weightDecay` field. Default 0. */
  weightDecay?: number;
  /** Variables (by registered name) that get no weight decay. Default: none excluded, as in PyTorch. */
  excludeFromWeightDecay?: (variableName: string) => boolean;
}

/**
 * Stochastic gradient descent with momentum, in PyTorch's formulation
 * (`torch.optim.SGD`, dampening 0). For each variable θ with gradient g:
 *
 *   g ← g + wd · θ                  (coupled weight decay; skipped for excluded variables)
 *   b ← μ · b + g                   (b starts at 0, so the first step gives b = g)
 *   θ ← θ − lr · b                  (or, with Nesterov: θ ← θ − lr · (g + μ · b))
 *
 * The learning rate multiplies the buffer when it is applied, so changing it through a
 * schedule rescales the whole step at once (tfjs's `MomentumOptimizer` behaves the same;
 * Sutskever et al. put it inside the buffer, which differs only while it changes).
 *
 * Reference: Polyak 1964 (heavy ball); Sutskever et al. 2013, "On the importance of
 * initialization and momentum in deep learning" (Nesterov form); update rule and
 * defaults of PyTorch's `torch.optim.SGD` except momentum, 0.9 here as in MoCo.
 *
 * Slots per variable: `momentum` (and `step`), saved by `getWeights`.
 *
 * @example
 * const optimizer = new SGD({ learningRate: 0.03, momentum: 0.9, weightDecay: 1e-4 });
 * optimizer.minimize(() => loss(batch));
 */
export class SGD extends SlotOptimizer<'momentum'> {
  /** The name under which `tf.serialization.registerClass(SGD)` registers it (distinct from tfjs's 'SGD'). */
  static className = 'selfsup.SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  /** Read at every step, so a schedule may change it. */
  weightDecay: number;
  private readonly excludeFromWeightDecay: (variableName: string) => boolean;

  constructor(options: SgdOptions) {
    super('SGD', options?.learningRate, ['momentum']);
    this.momentum = options.momentum ?? SGD_DEFAULT_MOMENTUM;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? SGD_DEFAULT_WEIGHT_DECAY;
    this.excludeFromWeightDecay = options.excludeFromWeightDecay ?? (() => false);
    this.assertHyperparameter('momentum', this.momentum, 0);
    this.checkHyperparameters();
    if (this.nesterov && this.momentum === 0) {
      throw new Error('SGD: nesterov needs momentum > 0, got momentum 0');
    }
    if (typeof this.excludeFromWeightDecay !== 'function') {
      throw new Error('SGD: excludeFromWeightDecay must be a function (variableName) => boolean');
    }
  }

  protected override checkHyperparameters(): void {
    this.assertHyperparameter('weightDecay', this.weightDecay, 0);
  }

  protected override updateVariable({ name, variable, gradient, slots }: VariableUpdate<'momentum'>): void {
    const decays = this.weightDecay > 0 && !this.excludeFromWeightDecay(name);
    const direction = decays ? tf.add(gradient, tf.mul(variable, this.weightDecay)) : gradient;
    const buffer = tf.add(tf.mul(slots.momentum, this.momentum), direction);
    const step = this.nesterov ? tf.add(direction, tf.mul(buffer, this.momentum)) : buffer;
    const updated = tf.sub(variable, tf.mul(step, this.learningRate));
    slots.momentum.assign(buffer);
    variable.assign(updated);
  }

  /** The numeric options (the exclusion predicate is code and is not serialised). */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      learningRate: this.learningRate,
      momentum: this.momentum,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
    };
  }
}
