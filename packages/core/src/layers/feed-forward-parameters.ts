import type * as tf from '../tf.js';
import { addDenseParameters, applyDense, type DenseParameters } from './dense-parameters.js';
import { gelu } from './gelu.js';
import type { AddWeight } from './layer-tools.js';
import type { WeightSeeds } from './weight-seeds.js';

/**
 * The position-wise MLP of a Transformer block, dense(hiddenUnits) → GELU → dense(units)
 * (Vaswani et al. 2017 with the GELU of BERT/GPT/ViT), owned by a composite layer.
 *
 * @example
 * // inside a layer's build():
 * const mlp = new FeedForwardParameters(addWeight, 'mlp', 64, 256, seeds);
 * // inside call():
 * const y = mlp.apply(x); // [B, T, 64]
 */
export class FeedForwardParameters {
  readonly hidden: DenseParameters;
  readonly output: DenseParameters;

  constructor(addWeight: AddWeight, prefix: string, units: number, hiddenUnits: number, seeds: WeightSeeds) {
    this.hidden = addDenseParameters(addWeight, `${prefix}_hidden`, units, hiddenUnits, true, seeds);
    this.output = addDenseParameters(addWeight, `${prefix}_output`, hiddenUnits, units, true, seeds);
  }

  /** Shape: [..., units] to [..., units]. */
  apply(x: tf.Tensor): tf.Tensor {
    return applyDense(gelu(applyDense(x, this.hidden)), this.output);
  }
}
