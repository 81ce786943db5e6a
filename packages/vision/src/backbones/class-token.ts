import { WeightSeeds } from '@selfsup/core';
import * as tf from '@selfsup/core/tf';

type Kwargs = Parameters<tf.layers.Layer['call']>[1];
type Shape = (number | null)[];

const single = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0] : inputs);
const singleShape = (shape: Shape | Shape[]) => (Array.isArray(shape[0]) ? shape[0] : shape) as Shape;

/**
 * Prepends a learned [CLS] token to a sequence of patch embeddings (Dosovitskiy et al.
 * 2021, ViT; the token DINO trains its head on). Shape: [B, N, D] to [B, N + 1, D].
 *
 * @example
 * const withToken = new PrependClassToken().apply(patches); // [B, 64, 192] -> [B, 65, 192]
 */
export class PrependClassToken extends tf.layers.Layer {
  static className = 'SelfsupPrependClassToken';
  readonly seed?: number;
  private token: tf.LayerVariable | null = null;

  /** `seed`: of the token's initial value (see `WeightSeeds`); default unseeded. */
  constructor(args: ConstructorParameters<typeof tf.layers.Layer>[0] & { seed?: number } = {}) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(inputShape);
    const units = shape[shape.length - 1];
    if (shape.length !== 3 || typeof units !== 'number') {
      throw new Error(`PrependClassToken: input must be [B, N, D] with D known, got [${shape}]`);
    }
    this.token = this.addWeight('class_token', [1, 1, units], 'float32', new WeightSeeds(this.seed).truncatedNormal(0.02));
    this.built = true;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...WeightSeeds.config(this.seed) };
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs); // [B, N, D]
      const token = tf.tile(this.token!.read(), [x.shape[0], 1, 1]); // [B, 1, D]
      return tf.concat([token, x], 1); // [B, N + 1, D]
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [batch, length, units] = singleShape(inputShape);
    return [batch, length === null ? null : length + 1, units];
  }
}
tf.serialization.registerClass(PrependClassToken);

/**
 * Takes the [CLS] token (position 0) of a sequence as the representation. Shape: [B, N, D] to [B, D].
 *
 * @example
 * const representation = new SelectClassToken().apply(encoded); // [B, 65, 192] -> [B, 192]
 */
export class SelectClassToken extends tf.layers.Layer {
  static className = 'SelfsupSelectClassToken';

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs); // [B, N, D]
      const [batch, , units] = x.shape as [number, number, number];
      return tf.reshape(tf.slice(x, [0, 0, 0], [-1, 1, -1]), [batch, units]); // [B, D]
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape);
    return [shape[0], shape[2]];
  }
}
tf.serialization.registerClass(SelectClassToken);
