import * as tf from '../tf.js';
import { WeightSeeds } from './weight-seeds.js';
import { check, inputList, type Kwargs, type LayerArgs, positiveInteger, type Shape, shapeList } from './layer-tools.js';

export interface WeightNormDenseOptions {
  /** Output units. */
  units: number;
  /**
   * Keep the gain g at 1 (not trainable), so the layer computes x·v/‖v‖: DINO's
   * `norm_last_layer=True`. Default false (g is trained).
   */
  freezeGain?: boolean;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

export type WeightNormDenseArgs = WeightNormDenseOptions & LayerArgs;

const CLASS_NAME = 'SelfsupWeightNormDense';

/**
 * A dense layer without bias whose weight is weight-normalised (Salimans & Kingma 2016):
 * W[:, j] = g_j · v[:, j] / ‖v[:, j]‖ per output unit j, so the direction v and the length g
 * are learnt separately. The last layer of the DINO head (Caron et al. 2021).
 *
 * Weights: `direction` v [inputUnits, units] (Glorot uniform), `gain` g [units] (ones;
 * trainable unless `freezeGain`). Shape: [..., inputUnits] to [..., units].
 *
 * @example
 * const last = new WeightNormDense({ units: 4096, freezeGain: true });
 * const logits = last.apply(tf.randomNormal([8, 256])) as tf.Tensor; // [8, 4096]
 */
export class WeightNormDense extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly units: number;
  readonly freezeGain: boolean;
  readonly seed?: number;
  private direction: tf.LayerVariable | null = null;
  private gain: tf.LayerVariable | null = null;

  constructor(args: WeightNormDenseArgs) {
    super(args);
    check(args !== undefined && args !== null, CLASS_NAME, () => 'options { units } are required');
    this.units = positiveInteger(args.units, CLASS_NAME, 'units');
    this.freezeGain = args.freezeGain ?? false;
    this.seed = args.seed;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = shapeList(inputShape)[0];
    const inputUnits = shape[shape.length - 1];
    check(
      shape.length >= 2 && inputUnits !== null,
      CLASS_NAME,
      () => `input must be [batch, ..., features] with known features, got [${shape.map(String)}]`,
    );
    this.direction = this.addWeight('direction', [inputUnits, this.units], 'float32', new WeightSeeds(this.seed).glorotUniform());
    this.gain = this.addWeight('gain', [this.units], 'float32', tf.initializers.ones(), undefined, !this.freezeGain);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = inputList(inputs)[0];
      const v = (this.direction as tf.LayerVariable).read() as tf.Tensor2D; // [in, units]
      const [inputUnits] = v.shape;
      check(x.shape[x.rank - 1] === inputUnits, CLASS_NAME, () => `input must have last dimension ${inputUnits}, got [${x.shape}]`);
      const norms = tf.maximum(tf.sqrt(tf.sum(tf.square(v), 0)), 1e-12); // ‖v[:, j]‖ [units]
      const weight = tf.mul(v, tf.div((this.gain as tf.LayerVariable).read(), norms)) as tf.Tensor2D; // [in, units]
      const rows = tf.reshape(x, [-1, inputUnits]); // [N, in]
      return tf.reshape(tf.matMul(rows, weight), [...x.shape.slice(0, -1), this.units]); // [..., units]
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = shapeList(inputShape)[0];
    return [...shape.slice(0, -1), this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, freezeGain: this.freezeGain, ...WeightSeeds.config(this.seed) };
  }
}
tf.serialization.registerClass(WeightNormDense);
