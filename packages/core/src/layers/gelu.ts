import * as tf from '../tf.js';
import { assertOneOf } from '../validation/index.js';
import { check, fusedOp, inputList, type Kwargs, type LayerArgs, type Shape } from './layer-tools.js';

/** `'none'`: the exact erf form; `'tanh'`: the tanh approximation (BERT, GPT-2). */
export type GeluApproximation = 'none' | 'tanh';

export interface GeluOptions {
  /** Which form to compute. Default `'none'` (exact), as PyTorch's `nn.GELU()`. */
  approximate?: GeluApproximation;
}

const TANH_COEFFICIENT = 0.044715;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function checkApproximation(value: unknown, where: string): GeluApproximation {
  assertOneOf(where, 'approximate', value, ['none', 'tanh']);
  return value;
}

/** x·Φ(x) with Φ(x) = ½(1 + erf(x/√2)); gradient Φ(x) + x·φ(x) in one fused step. */
const exactGelu = (x: tf.Tensor): tf.Tensor =>
  fusedOp(([input], save) => {
    const cdf = tf.mul(tf.add(tf.erf(tf.mul(input, Math.SQRT1_2)), 1), 0.5);
    save([input, cdf]);
    return {
      value: tf.mul(input, cdf),
      gradFunc: (dy: tf.Tensor, [saved, savedCdf]: tf.Tensor[]) => {
        const density = tf.mul(tf.exp(tf.mul(tf.square(saved), -0.5)), INV_SQRT_2PI);
        return tf.mul(dy, tf.add(savedCdf, tf.mul(saved, density)));
      },
    };
  }, x);

/**
 * ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³); gradient
 * ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²) with t = tanh(u).
 */
const tanhGelu = (x: tf.Tensor): tf.Tensor =>
  fusedOp(([input], save) => {
    const inner = tf.mul(tf.add(input, tf.mul(tf.mul(tf.square(input), input), TANH_COEFFICIENT)), SQRT_2_OVER_PI);
    const t = tf.tanh(inner);
    save([input, t]);
    return {
      value: tf.mul(tf.mul(input, 0.5), tf.add(t, 1)),
      gradFunc: (dy: tf.Tensor, [saved, savedT]: tf.Tensor[]) => {
        const innerSlope = tf.mul(tf.add(tf.mul(tf.square(saved), 3 * TANH_COEFFICIENT), 1), SQRT_2_OVER_PI);
        const tanhSlope = tf.sub(1, tf.square(savedT));
        const slope = tf.add(tf.mul(tf.add(savedT, 1), 0.5), tf.mul(tf.mul(tf.mul(saved, 0.5), tanhSlope), innerSlope));
        return tf.mul(dy, slope);
      },
    };
  }, x);

/**
 * Gaussian Error Linear Unit, GELU(x) = x·Φ(x) (Hendrycks & Gimpel 2016, "Gaussian Error
 * Linear Units"), elementwise, with an analytic gradient. The default is the exact erf
 * form, as PyTorch's `nn.GELU()`; `approximate: 'tanh'` gives the tanh form.
 *
 * Shape: any; the output has the shape of `x`. `x` must be float32.
 *
 * @example
 * const y = gelu(tf.tensor1d([-1, 0, 1])); // [-0.1587, 0, 0.8413]
 * const z = gelu(tf.tensor1d([-1, 0, 1]), { approximate: 'tanh' }); // [-0.1588, 0, 0.8412]
 */
export function gelu<T extends tf.Tensor>(x: T, options: GeluOptions = {}): T {
  const approximate = checkApproximation(options.approximate ?? 'none', 'gelu');
  check(x.dtype === 'float32', 'gelu', () => `x must be float32, got ${x.dtype}`);
  return (approximate === 'none' ? exactGelu(x) : tanhGelu(x)) as T;
}

export type GeluLayerArgs = GeluOptions & LayerArgs;

/**
 * The `gelu` op as a tf.layers layer (Hendrycks & Gimpel 2016), for Sequential and
 * functional models. Serialised as `SelfsupGelu` with its `approximate` option.
 *
 * Shape: any; the output has the input's shape.
 *
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.dense({ inputShape: [8], units: 32 }),
 *   new Gelu(),
 *   tf.layers.dense({ units: 8 }),
 * ] });
 */
export class Gelu extends tf.layers.Layer {
  static className = 'SelfsupGelu';
  readonly approximate: GeluApproximation;

  constructor(args: GeluLayerArgs = {}) {
    super(args);
    this.approximate = checkApproximation(args.approximate ?? 'none', Gelu.className);
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => gelu(inputList(inputs)[0], { approximate: this.approximate }));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), approximate: this.approximate };
  }
}
tf.serialization.registerClass(Gelu);
