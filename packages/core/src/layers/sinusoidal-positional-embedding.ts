import * as tf from '../tf.js';
import { check, checkShape, inputList, type Kwargs, type LayerArgs, type Shape, shapeList } from './layer-tools.js';

export interface SinusoidalPositionalEmbeddingOptions {
  /** The base of the geometric progression of wavelengths. Default 10000, as Vaswani et al. 2017. */
  maxWavelength?: number;
}

export type SinusoidalPositionalEmbeddingArgs = SinusoidalPositionalEmbeddingOptions & LayerArgs;

const CLASS_NAME = 'SelfsupSinusoidalPositionalEmbedding';

/**
 * The fixed sinusoidal position table of Vaswani et al. 2017 ("Attention Is All You Need"),
 * [T, D] with PE[t, 2i] = sin(t / base^(2i/D)) and PE[t, 2i+1] = cos(t / base^(2i/D)).
 *
 * @example
 * const table = sinusoidalPositionTable(50, 64); // Float32Array of 50·64
 */
export function sinusoidalPositionTable(length: number, units: number, maxWavelength = 10000): Float32Array {
  const table = new Float32Array(length * units);
  for (let t = 0; t < length; t++) {
    for (let i = 0; i < units; i += 2) {
      const angle = t / maxWavelength ** (i / units);
      table[t * units + i] = Math.sin(angle);
      if (i + 1 < units) table[t * units + i + 1] = Math.cos(angle);
    }
  }
  return table;
}

/**
 * Adds the sinusoidal positional encoding of Vaswani et al. 2017 to a sequence:
 * y[b, t] = x[b, t] + PE[t] (see `sinusoidalPositionTable`). No weights; any length.
 *
 * Shape: [B, T, D] to the same shape.
 *
 * @example
 * const tokens = tf.input({ shape: [16, 64] });
 * const positioned = new SinusoidalPositionalEmbedding().apply(tokens); // [null, 16, 64]
 */
export class SinusoidalPositionalEmbedding extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly maxWavelength: number;

  constructor(args: SinusoidalPositionalEmbeddingArgs = {}) {
    super(args);
    this.maxWavelength = args.maxWavelength ?? 10000;
    check(this.maxWavelength > 1, CLASS_NAME, () => `maxWavelength must be greater than 1, got ${this.maxWavelength}`);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = inputList(inputs)[0] as tf.Tensor3D;
      checkShape(x.shape, 3, null, CLASS_NAME, 'input');
      const [, length, units] = x.shape;
      return tf.add(x, tf.tensor2d(sinusoidalPositionTable(length, units, this.maxWavelength), [length, units])); // [B, T, D]
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = shapeList(inputShape)[0];
    checkShape(shape, 3, null, CLASS_NAME, 'input');
    return shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxWavelength: this.maxWavelength };
  }
}
tf.serialization.registerClass(SinusoidalPositionalEmbedding);
