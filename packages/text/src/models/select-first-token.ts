import * as tf from '@selfsup/core/tf';

type Kwargs = Parameters<tf.layers.Layer['call']>[1];
type Shape = (number | null)[];

const singleShape = (shape: Shape | Shape[]) => (Array.isArray(shape[0]) ? shape[0] : shape) as Shape;

/**
 * The hidden state of the first position of each sequence: BERT's [CLS] token, which its
 * pooler and next-sentence head read (Devlin et al. 2019, section 3). Serialised as
 * `SelfsupSelectFirstToken`. Shape: [B, T, C] to [B, C].
 *
 * @example
 * const classifier = new SelectFirstToken().apply(hidden) as tf.SymbolicTensor; // [B, T, 256] -> [B, 256]
 */
export class SelectFirstToken extends tf.layers.Layer {
  static className = 'SelfsupSelectFirstToken';

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D; // [B, T, C]
      if (x.rank !== 3 || x.shape[1] < 1) throw new Error(`SelectFirstToken: input must be [B, T, C] with T >= 1, got [${x.shape}]`);
      const [batch, , units] = x.shape;
      return tf.reshape(tf.slice(x, [0, 0, 0], [batch, 1, units]), [batch, units]); // [B, 1, C] -> [B, C]
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape);
    if (shape.length !== 3) throw new Error(`SelectFirstToken: input must be [B, T, C], got [${shape.map(String)}]`);
    return [shape[0], shape[2]];
  }
}
tf.serialization.registerClass(SelectFirstToken);
