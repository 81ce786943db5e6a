import * as tf from '../tf.js';
import { type AddWeight, check, type FusedForward, fusedOp } from './layer-tools.js';

/** Defaults of `layerNorm`, the `LayerNorm` layer and the Transformer blocks' `layerNormEpsilon`. */
export const LAYER_NORM_DEFAULTS = Object.freeze({
  /** The epsilon of PyTorch's nn.LayerNorm, added to the variance; used by every selfsup Transformer block. */
  epsilon: 1e-5,
});

/**
 * Layer normalisation over the last axis (Ba, Kiros & Hinton 2016) with a fused gradient.
 * With x̂ = (x − mean)·invstd over the D features of each position and g = dy·γ:
 *
 *   dx = invstd · (g − mean(g) − x̂·mean(g·x̂)),  dγ = Σ(dy·x̂),  dβ = Σdy
 *
 * (means over the last axis; γ and β sums over every other axis).
 *
 * Shapes: x [..., D] float32; gamma, beta [D]. Output: the shape of x.
 *
 * @example
 * const y = layerNorm(x, { gamma: tf.ones([64]), beta: tf.zeros([64]) }); // x [B, T, 64]
 */
export function layerNorm<T extends tf.Tensor>(x: T, options: { gamma: tf.Tensor1D; beta: tf.Tensor1D; epsilon?: number }): T {
  const { gamma, beta } = options;
  const epsilon = options.epsilon ?? LAYER_NORM_DEFAULTS.epsilon;
  const features = x.shape[x.rank - 1];
  check(x.rank >= 1 && x.dtype === 'float32', 'layerNorm', () => `x must be a float32 tensor of rank >= 1, got ${x.dtype} [${x.shape}]`);
  check(
    gamma.shape[0] === features && beta.shape[0] === features && gamma.rank === 1 && beta.rank === 1,
    'layerNorm',
    () => `gamma and beta must have shape [${features}], got [${gamma.shape}] and [${beta.shape}]`,
  );
  const forward = ([input, scale, shift]: tf.Tensor[], save: tf.GradSaveFunc): FusedForward => {
    const mean = tf.mean(input, -1, true); // [..., 1]
    const centered = tf.sub(input, mean); // [..., D]
    const invStd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), epsilon)); // [..., 1]
    const normalized = tf.mul(centered, invStd); // x̂ [..., D]
    save([normalized, invStd, scale]);
    return {
      value: tf.add(tf.mul(normalized, scale), shift),
      gradFunc: (dy: tf.Tensor, [xHat, savedInvStd, savedScale]: tf.Tensor[]) => {
        const g = tf.mul(dy, savedScale); // [..., D]
        const meanG = tf.mean(g, -1, true); // [..., 1]
        const meanGXHat = tf.mean(tf.mul(g, xHat), -1, true); // [..., 1]
        const dx = tf.mul(tf.sub(tf.sub(g, meanG), tf.mul(xHat, meanGXHat)), savedInvStd);
        const rows = [-1, features];
        const dGamma = tf.sum(tf.reshape(tf.mul(dy, xHat), rows), 0); // [D]
        const dBeta = tf.sum(tf.reshape(dy, rows), 0); // [D]
        return [dx, dGamma, dBeta];
      },
    };
  };
  return fusedOp(forward, x, gamma, beta) as T;
}

/** The weights of one layer norm inside a composite layer. */
export interface LayerNormParameters {
  gamma: tf.LayerVariable;
  beta: tf.LayerVariable;
  epsilon: number;
}

/**
 * Creates the weights of a layer norm named `${name}_gamma` (ones) and `${name}_beta` (zeros).
 *
 * @example
 * const norm = addLayerNormParameters(addWeight, 'attention_norm', 64, 1e-5);
 * const y = applyLayerNorm(x, norm); // [B, T, 64]
 */
export function addLayerNormParameters(addWeight: AddWeight, name: string, units: number, epsilon: number): LayerNormParameters {
  return {
    gamma: addWeight(`${name}_gamma`, [units], tf.initializers.ones()),
    beta: addWeight(`${name}_beta`, [units], tf.initializers.zeros()),
    epsilon,
  };
}

/** `layerNorm` with a composite layer's own weights. Shape: [..., units] to the same shape. */
export function applyLayerNorm(x: tf.Tensor, parameters: LayerNormParameters): tf.Tensor {
  return layerNorm(x, {
    gamma: parameters.gamma.read() as tf.Tensor1D,
    beta: parameters.beta.read() as tf.Tensor1D,
    epsilon: parameters.epsilon,
  });
}
