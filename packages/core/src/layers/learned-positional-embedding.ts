import * as tf from '../tf.js';
import { WeightSeeds } from './weight-seeds.js';
import { check, checkShape, inputList, type Kwargs, type LayerArgs, positiveInteger, type Shape, shapeList } from './layer-tools.js';

export interface LearnedPositionalEmbeddingOptions {
  /** The longest sequence the table covers (rows of the table). */
  maxLength: number;
  /** Model width: the last dimension of the input and of the table. */
  units: number;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

export type LearnedPositionalEmbeddingArgs = LearnedPositionalEmbeddingOptions & LayerArgs;

const CLASS_NAME = 'SelfsupLearnedPositionalEmbedding';

/**
 * Adds a trainable position table (BERT, GPT-2, ViT) to a sequence: y[b, t] = x[b, t] + P[t]
 * with P of shape [maxLength, units], initialised from a normal of standard deviation 0.02
 * truncated at two deviations, as BERT and ViT. Sequences shorter than `maxLength` use its
 * first rows; longer ones are an error.
 *
 * Shape: [B, T, units] with T <= maxLength, to the same shape. Weight: `embeddings`.
 *
 * @example
 * const tokens = tf.input({ shape: [16, 64] });
 * const positioned = new LearnedPositionalEmbedding({ maxLength: 16, units: 64 }).apply(tokens);
 */
export class LearnedPositionalEmbedding extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly maxLength: number;
  readonly units: number;
  readonly seed?: number;
  private table: tf.LayerVariable | null = null;

  constructor(args: LearnedPositionalEmbeddingArgs) {
    super(args);
    check(args !== undefined && args !== null, CLASS_NAME, () => 'options { maxLength, units } are required');
    this.maxLength = positiveInteger(args.maxLength, CLASS_NAME, 'maxLength');
    this.units = positiveInteger(args.units, CLASS_NAME, 'units');
    this.seed = args.seed;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.checkInputShape(shapeList(inputShape)[0]);
    const initializer = new WeightSeeds(this.seed).truncatedNormal(0.02);
    this.table = this.addWeight('embeddings', [this.maxLength, this.units], 'float32', initializer);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = inputList(inputs)[0] as tf.Tensor3D;
      this.checkInputShape(x.shape);
      const length = x.shape[1];
      const positions = tf.slice((this.table as tf.LayerVariable).read(), [0, 0], [length, this.units]); // [T, units]
      return tf.add(x, positions); // [B, T, units]
    });
  }

  /**
   * Adds the positions `offset, offset + 1, ...` to `x` [B, t, units] (the new tokens of
   * generation with a key/value cache, which follow `offset` earlier ones).
   *
   * @example
   * const positioned = positions.applyFrom(newTokenEmbedding, 7); // [1, 1, units] + P[7]
   */
  applyFrom(x: tf.Tensor3D, offset: number): tf.Tensor3D {
    check(this.table !== null, CLASS_NAME, () => `applyFrom needs a built layer, '${this.name}' is not built`);
    this.checkInputShape(x.shape);
    const length = x.shape[1];
    check(
      Number.isInteger(offset) && offset >= 0 && offset + length <= this.maxLength,
      CLASS_NAME,
      () => `positions ${offset}..${offset + length - 1} exceed maxLength ${this.maxLength}`,
    );
    return tf.tidy(() => tf.add(x, tf.slice((this.table as tf.LayerVariable).read(), [offset, 0], [length, this.units]))); // [B, t, units]
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = shapeList(inputShape)[0];
    this.checkInputShape(shape);
    return shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLength: this.maxLength, units: this.units, ...WeightSeeds.config(this.seed) };
  }

  private checkInputShape(shape: Shape): void {
    checkShape(shape, 3, this.units, CLASS_NAME, 'input');
    const length = shape[1];
    check(
      length === null || length <= this.maxLength,
      CLASS_NAME,
      () => `sequence length ${length} exceeds maxLength ${this.maxLength} (input shape [${shape.map(String)}])`,
    );
  }
}
tf.serialization.registerClass(LearnedPositionalEmbedding);
