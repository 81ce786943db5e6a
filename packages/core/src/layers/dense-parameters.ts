import * as tf from '../tf.js';
import type { AddWeight } from './layer-tools.js';
import type { WeightSeeds } from './weight-seeds.js';

/** The weights of one dense projection inside a composite layer. */
export interface DenseParameters {
  /** [inputUnits, outputUnits] */
  kernel: tf.LayerVariable;
  /** [outputUnits], or null without a bias. */
  bias: tf.LayerVariable | null;
}

/**
 * Creates the weights of a dense projection named `${name}_kernel` and `${name}_bias`
 * (Glorot-uniform kernel seeded from `seeds`, zero bias, as tf.layers.dense).
 *
 * @example
 * // inside a layer's build():
 * const query = addDenseParameters(addWeight, 'query', 64, 64, true, new WeightSeeds(this.seed));
 */
export function addDenseParameters(
  addWeight: AddWeight,
  name: string,
  inputUnits: number,
  outputUnits: number,
  useBias: boolean,
  seeds: WeightSeeds,
): DenseParameters {
  return {
    kernel: addWeight(`${name}_kernel`, [inputUnits, outputUnits], seeds.glorotUniform()),
    bias: useBias ? addWeight(`${name}_bias`, [outputUnits], tf.initializers.zeros()) : null,
  };
}

/**
 * x·kernel + bias over the last axis of x, as one 2-D matrix product.
 *
 * Shape: x [..., inputUnits] to [..., outputUnits].
 *
 * @example
 * const projected = applyDense(x, query); // [B, T, 64] -> [B, T, 64]
 */
export function applyDense(x: tf.Tensor, parameters: DenseParameters): tf.Tensor {
  const [inputUnits, outputUnits] = parameters.kernel.shape as number[];
  const rows = tf.reshape(x, [-1, inputUnits]); // [N, in]
  const product = tf.matMul(rows, parameters.kernel.read() as tf.Tensor2D); // [N, out]
  const shifted = parameters.bias ? tf.add(product, parameters.bias.read()) : product;
  return tf.reshape(shifted, [...x.shape.slice(0, -1), outputUnits]); // [..., out]
}
