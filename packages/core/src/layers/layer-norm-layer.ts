import * as tf from '../tf.js';
import { addLayerNormParameters, applyLayerNorm, LAYER_NORM_DEFAULTS, type LayerNormParameters } from './layer-norm.js';
import { check, inputList, type Kwargs, type LayerArgs, type Shape } from './layer-tools.js';

export interface LayerNormOptions {
  /** Added to the variance. Default 1e-5, as PyTorch's nn.LayerNorm. */
  epsilon?: number;
}

export type LayerNormArgs = LayerNormOptions & LayerArgs;

const CLASS_NAME = 'SelfsupLayerNorm';

/**
 * Layer normalisation over the last axis with a learned scale and shift (Ba, Kiros &
 * Hinton 2016), on `layerNorm`'s fused gradient: the final norm of a GPT or ViT.
 * tf.layers.layerNormalization broadcasts γ and β with Tile, whose gradient slices and
 * adds once per position (thousands of kernels per step); this one sums once.
 *
 * Shape: [..., D] to the same shape.
 *
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.dense({ inputShape: [16], units: 32 }),
 *   new LayerNorm(),
 * ] });
 */
export class LayerNorm extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly epsilon: number;
  private parameters: LayerNormParameters | null = null;

  constructor(args: LayerNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? LAYER_NORM_DEFAULTS.epsilon;
    check(this.epsilon > 0, CLASS_NAME, () => `epsilon must be positive, got ${this.epsilon}`);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const units = shape[shape.length - 1];
    check(typeof units === 'number' && units > 0, CLASS_NAME, () => `the last input dimension must be known, got [${shape}]`);
    this.parameters = addLayerNormParameters(
      (name, weightShape, initializer, trainable) => this.addWeight(name, weightShape, 'float32', initializer, undefined, trainable),
      'layer_norm',
      units,
      this.epsilon,
    );
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => applyLayerNorm(inputList(inputs)[0], this.parameters!));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(LayerNorm);
