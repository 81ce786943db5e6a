import type * as tf from '../tf.js';
import { MomentumOptimizer } from './momentum-optimizer.js';
import type { VariableUpdate } from './slot-optimizer.js';

/** Defaults of `SGD`: PyTorch's `torch.optim.SGD` except the momentum. */
export const SGD_DEFAULTS = Object.freeze({
  /** Momentum of the heavy-ball buffer: the value of MoCo (He et al. 2020) and most ImageNet SGD recipes (PyTorch: 0). */
  momentum: 0.9,
  /** PyTorch's `torch.optim.SGD` default: no weight decay. */
  weightDecay: 0,
  /** PyTorch's `torch.optim.SGD` default: heavy-ball momentum, not Nesterov's. */
  nesterov: false,
});

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
 * Sutskever et al. put it inside the buffer, which differs only while it changes). The
 * buffer update is the one `MomentumOptimizer` shares with LARS.
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
export class SGD extends MomentumOptimizer {
  /** The name under which `tf.serialization.registerClass(SGD)` registers it (distinct from tfjs's 'SGD'). */
  static className = 'selfsup.SGD';
  /** Whether the step is θ − lr · (g + μ · b) instead of θ − lr · b. */
  declare readonly nesterov: boolean;

  constructor(options: SgdOptions) {
    super('SGD', {
      learningRate: options?.learningRate,
      momentum: options.momentum ?? SGD_DEFAULTS.momentum,
      weightDecay: options.weightDecay ?? SGD_DEFAULTS.weightDecay,
      nesterov: options.nesterov ?? SGD_DEFAULTS.nesterov,
      exclude: options.excludeFromWeightDecay ?? (() => false),
      excludeOption: 'excludeFromWeightDecay',
    });
  }

  protected override direction({ name, variable, gradient }: VariableUpdate<'momentum'>): tf.Tensor {
    const decays = this.weightDecay > 0 && !this.exclude(name);
    return decays ? this.withWeightDecay(gradient, variable) : gradient;
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
