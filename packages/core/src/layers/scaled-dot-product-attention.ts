import * as tf from '../tf.js';
import { check } from './layer-tools.js';

/**
 * The score given to masked positions before the softmax. Finite on purpose: a row whose
 * keys are all masked becomes a uniform average instead of 0/0 = NaN (as -Infinity would).
 */
export const MASKED_SCORE = -1e9;

export interface AttentionMaskOptions {
  /**
   * Query i attends only to keys j <= i + (T_key - T_query): with as many queries as keys,
   * to itself and earlier positions; with fewer queries (new tokens after a key/value cache
   * of T_key - T_query earlier ones), the queries are the last positions. Default false.
   */
  causal?: boolean;
  /** [B, T_key]: 1 = attend to this key, 0 = padding, ignored. Default: no padding. */
  keyPaddingMask?: tf.Tensor;
}

export interface AttentionOptions extends AttentionMaskOptions {
  /** Dropout rate on the attention weights, applied only when `training` (with `tf.dropout`). Default 0. */
  dropout?: number;
  training?: boolean;
  /**
   * The dropout to apply to the attention weights instead, e.g. a layer's `layerDropout`
   * (repeatable masks); when given, `dropout` and `training` are not read.
   */
  drop?: (weights: tf.Tensor) => tf.Tensor;
}

/** The dropout of the attention weights that `options` ask for (identity when none). */
export function attentionDropout(options: AttentionOptions): (weights: tf.Tensor) => tf.Tensor {
  if (options.drop) return options.drop;
  const rate = options.dropout ?? 0;
  return options.training && rate > 0 ? (weights) => tf.dropout(weights, rate) : (weights) => weights;
}

/**
 * The additive mask bias for scores of `batch` × `queryLength` × `keyLength`: 0 where a
 * query may attend, `MASKED_SCORE` where not. Shape: [B or 1, 1, T_query, T_key], or null
 * when nothing is masked.
 *
 * @example
 * const bias = attentionBias(2, 4, 4, { causal: true }); // [1, 1, 4, 4]
 */
export function attentionBias(batch: number, queryLength: number, keyLength: number, options: AttentionMaskOptions): tf.Tensor4D | null {
  const { causal = false, keyPaddingMask } = options;
  let bias: tf.Tensor4D | null = null;
  if (causal) {
    check(
      keyLength >= queryLength,
      'attention',
      () => `causal needs at least as many keys as queries, got ${queryLength} queries and ${keyLength} keys`,
    );
    const cached = keyLength - queryLength;
    const values = new Float32Array(queryLength * keyLength);
    for (let i = 0; i < queryLength; i++) for (let j = cached + i + 1; j < keyLength; j++) values[i * keyLength + j] = MASKED_SCORE;
    bias = tf.tensor4d(values, [1, 1, queryLength, keyLength]);
  }
  if (keyPaddingMask) {
    check(
      keyPaddingMask.rank === 2 && keyPaddingMask.shape[0] === batch && keyPaddingMask.shape[1] === keyLength,
      'attention',
      () => `keyPaddingMask must have shape [${batch}, ${keyLength}] ([batch, keys]), got [${keyPaddingMask.shape}]`,
    );
    const keep = tf.reshape(tf.cast(keyPaddingMask, 'float32'), [batch, 1, 1, keyLength]); // [B, 1, 1, Tk]
    const padding = tf.mul(tf.sub(1, keep), MASKED_SCORE) as tf.Tensor4D;
    bias = bias ? (tf.add(bias, padding) as tf.Tensor4D) : padding; // [B, 1, Tq, Tk]
  }
  return bias;
}

/**
 * The attention core on heads already split, with the keys already transposed so that no
 * batched matMul asks for a transpose (slow on wasm): softmax(q·kᵀ/√hd + bias)·v.
 *
 * Shapes: query [B, H, Tq, hd], keyTransposed [B, H, hd, Tk], value [B, H, Tk, hd],
 * bias [B or 1, 1, Tq, Tk] or null; `drop` is applied to the weights (dropout, or identity).
 * Output: [B, H, Tq, hd].
 *
 * @example
 * const heads = attendHeads(q, tf.transpose(k, [0, 1, 3, 2]), v, null, (w) => w);
 */
export function attendHeads(
  query: tf.Tensor4D,
  keyTransposed: tf.Tensor4D,
  value: tf.Tensor4D,
  bias: tf.Tensor4D | null,
  drop: (weights: tf.Tensor) => tf.Tensor,
): tf.Tensor4D {
  const [batch, heads, queryLength, headUnits] = query.shape;
  const keyLength = keyTransposed.shape[3];
  const scaled = tf.reshape(tf.mul(query, 1 / Math.sqrt(headUnits)), [batch * heads, queryLength, headUnits]); // [B·H, Tq, hd]
  const keys = tf.reshape(keyTransposed, [batch * heads, headUnits, keyLength]); // [B·H, hd, Tk]
  const scores = tf.reshape(tf.matMul(scaled, keys), [batch, heads, queryLength, keyLength]); // [B, H, Tq, Tk]
  const weights = drop(tf.softmax(bias ? tf.add(scores, bias) : scores)); // [B, H, Tq, Tk]
  const flatWeights = tf.reshape(weights, [batch * heads, queryLength, keyLength]); // [B·H, Tq, Tk]
  const values = tf.reshape(value, [batch * heads, keyLength, headUnits]); // [B·H, Tk, hd]
  return tf.reshape(tf.matMul(flatWeights, values), [batch, heads, queryLength, headUnits]); // [B, H, Tq, hd]
}

/**
 * Scaled dot-product attention (Vaswani et al. 2017, "Attention Is All You Need"):
 * softmax(q·kᵀ/√hd)·v per head, with an optional causal mask and key padding mask.
 * Masked scores get `MASKED_SCORE` before the softmax.
 *
 * Shapes: query [B, H, Tq, hd], key [B, H, Tk, hd], value [B, H, Tk, hd];
 * keyPaddingMask [B, Tk] (1 = keep, 0 = pad). Output: [B, H, Tq, hd].
 *
 * @example
 * const q = tf.randomNormal([2, 4, 5, 8]) as tf.Tensor4D; // [B, H, T, hd]
 * const out = scaledDotProductAttention(q, q, q, { causal: true }); // [2, 4, 5, 8]
 */
export function scaledDotProductAttention(query: tf.Tensor4D, key: tf.Tensor4D, value: tf.Tensor4D, options: AttentionOptions = {}): tf.Tensor4D {
  check(
    query.rank === 4 && key.rank === 4 && value.rank === 4,
    'scaledDotProductAttention',
    () => `query, key and value must have rank 4 [B, H, T, hd], got [${query.shape}], [${key.shape}], [${value.shape}]`,
  );
  const [batch, heads, queryLength, headUnits] = query.shape;
  check(
    key.shape[0] === batch && key.shape[1] === heads && key.shape[3] === headUnits && value.shape.every((d, i) => d === key.shape[i]),
    'scaledDotProductAttention',
    () => `key and value must have shape [${batch}, ${heads}, T_key, ${headUnits}], got [${key.shape}] and [${value.shape}]`,
  );
  return tf.tidy(() => {
    const bias = attentionBias(batch, queryLength, key.shape[2], options);
    const keyTransposed = tf.transpose(key, [0, 1, 3, 2]); // [B, H, hd, Tk]
    return attendHeads(query, keyTransposed, value, bias, attentionDropout(options));
  });
}
