import * as tf from '../tf.js';
import { L2_NORMALIZE_DEFAULTS, l2Normalize } from '../ops/l2-normalize.js';
import { check, inputList, type Kwargs, type LayerArgs, type Shape } from './layer-tools.js';

export interface L2NormalizationOptions {
  /** Norms below it are clamped, so a zero vector stays zero. Default 1e-12, as PyTorch's F.normalize. */
  epsilon?: number;
}

export type L2NormalizationArgs = L2NormalizationOptions & LayerArgs;

const CLASS_NAME = 'SelfsupL2Normalization';

/**
 * Divides each vector by its L2 norm over the last axis (`l2Normalize` as a layer): the
 * normalised bottleneck of the DINO head (Caron et al. 2021). No weights.
 *
 * Shape: [..., D] to the same shape.
 *
 * @example
 * const head = tf.sequential({ layers: [
 *   tf.layers.dense({ inputShape: [32], units: 8 }),
 *   new L2Normalization(),
 * ] });
 */
export class L2Normalization extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly epsilon: number;

  constructor(args: L2NormalizationArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? L2_NORMALIZE_DEFAULTS.epsilon;
    check(this.epsilon > 0, CLASS_NAME, () => `epsilon must be positive, got ${this.epsilon}`);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => l2Normalize(inputList(inputs)[0], { axis: -1, epsilon: this.epsilon }));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(L2Normalization);
