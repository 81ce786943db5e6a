import * as tf from '../tf.js';
import { addDenseParameters, applyDense, type DenseParameters } from './dense-parameters.js';
import { type AddWeight, check, positiveInteger } from './layer-tools.js';
import type { WeightSeeds } from './weight-seeds.js';
import { type AttentionMaskOptions, attendHeads, attentionBias, attentionDropout, type AttentionOptions } from './scaled-dot-product-attention.js';

export interface AttentionSizes {
  numHeads: number;
  /** Units per head of the queries, keys and values (hd). */
  keyUnits: number;
  /** Output width. */
  units: number;
  /** Last dimension of the query input. */
  queryUnits: number;
  /** Last dimension of the memory (key/value) input; the query's for self-attention. */
  memoryUnits: number;
  useBias: boolean;
}

/**
 * The four projections of multi-head attention (query, key, value, output), owned by a
 * layer: `MultiHeadAttention` and the Transformer blocks share this code.
 *
 * @example
 * // inside a layer's build():
 * const attention = new AttentionParameters(addWeight, 'attention', {
 *   numHeads: 4, keyUnits: 16, units: 64, queryUnits: 64, memoryUnits: 64, useBias: true,
 * }, new WeightSeeds(this.seed));
 * // inside call():
 * const y = attention.apply(x, x, { causal: true }); // [B, T, 64]
 */
export class AttentionParameters {
  readonly query: DenseParameters;
  readonly key: DenseParameters;
  readonly value: DenseParameters;
  readonly output: DenseParameters;

  constructor(
    addWeight: AddWeight,
    prefix: string,
    readonly sizes: AttentionSizes,
    seeds: WeightSeeds,
  ) {
    const { numHeads, keyUnits, units, queryUnits, memoryUnits, useBias } = sizes;
    const inner = numHeads * keyUnits;
    const named = (part: string) => (prefix ? `${prefix}_${part}` : part);
    this.query = addDenseParameters(addWeight, named('query'), queryUnits, inner, useBias, seeds);
    this.key = addDenseParameters(addWeight, named('key'), memoryUnits, inner, useBias, seeds);
    this.value = addDenseParameters(addWeight, named('value'), memoryUnits, inner, useBias, seeds);
    this.output = addDenseParameters(addWeight, named('output'), inner, units, useBias, seeds);
  }

  /**
   * Attention of `query` [B, Tq, queryUnits] over `memory` [B, Tk, memoryUnits] (pass the
   * query itself for self-attention). Output: [B, Tq, units].
   */
  apply(query: tf.Tensor3D, memory: tf.Tensor3D, options: AttentionOptions = {}): tf.Tensor3D {
    const { keyTransposed, value } = this.keysAndValues(memory);
    return this.attend(query, keyTransposed, value, options);
  }

  /**
   * Self-attention of new positions `x` [B, t, queryUnits] over the `cache` of earlier
   * positions' keys and values plus their own (generation one token at a time: each step
   * projects only the new tokens). Returns the output [B, t, units] and the grown cache,
   * which the caller owns (dispose the old one). With `causal`, x holds the last positions.
   *
   * @example
   * let cache: KeyValueCache | undefined;
   * for (const x of newTokens) { // each [B, 1, units]
   *   const step = attention.applyCached(x, cache, { causal: true });
   *   if (cache) tf.dispose([cache.keyTransposed, cache.value]);
   *   cache = step.cache;
   * }
   */
  applyCached(x: tf.Tensor3D, cache: KeyValueCache | undefined, options: AttentionMaskOptions = {}): { output: tf.Tensor3D; cache: KeyValueCache } {
    const fresh = this.keysAndValues(x);
    const grown = cache
      ? tf.tidy(() => ({
          keyTransposed: tf.concat([cache.keyTransposed, fresh.keyTransposed], 3) as tf.Tensor4D, // [B, H, hd, Tc + t]
          value: tf.concat([cache.value, fresh.value], 2) as tf.Tensor4D, // [B, H, Tc + t, hd]
        }))
      : fresh;
    if (cache) tf.dispose([fresh.keyTransposed, fresh.value]);
    return { output: tf.tidy(() => this.attend(x, grown.keyTransposed, grown.value, options)), cache: grown };
  }

  /** The keys (transposed) and values of `memory` [B, Tk, memoryUnits], heads split. */
  private keysAndValues(memory: tf.Tensor3D): KeyValueCache {
    return tf.tidy(() => {
      const { numHeads: heads, keyUnits: headUnits } = this.sizes;
      const [batch, keyLength] = memory.shape;
      const split = (x: tf.Tensor) => tf.reshape(x, [batch, keyLength, heads, headUnits]); // [B, Tk, H, hd]
      return {
        keyTransposed: tf.transpose(split(applyDense(memory, this.key)), [0, 2, 3, 1]) as tf.Tensor4D, // [B, H, hd, Tk]
        value: tf.transpose(split(applyDense(memory, this.value)), [0, 2, 1, 3]) as tf.Tensor4D, // [B, H, Tk, hd]
      };
    });
  }

  private attend(query: tf.Tensor3D, keyTransposed: tf.Tensor4D, value: tf.Tensor4D, options: AttentionOptions): tf.Tensor3D {
    const { numHeads: heads, keyUnits: headUnits } = this.sizes;
    const [batch, queryLength] = query.shape;
    const keyLength = value.shape[2];
    const q = tf.transpose(tf.reshape(applyDense(query, this.query), [batch, queryLength, heads, headUnits]), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, Tq, hd]
    const bias = attentionBias(batch, queryLength, keyLength, options); // [B or 1, 1, Tq, Tk]
    const attended = attendHeads(q, keyTransposed, value, bias, attentionDropout(options)); // [B, H, Tq, hd]
    const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [batch, queryLength, heads * headUnits]); // [B, Tq, H·hd]
    return applyDense(merged, this.output) as tf.Tensor3D; // [B, Tq, units]
  }
}

/** The keys (transposed, as `attendHeads` takes them) and values of the positions seen so far, per head. */
export interface KeyValueCache {
  /** [B, H, hd, T]. */
  keyTransposed: tf.Tensor4D;
  /** [B, H, T, hd]. */
  value: tf.Tensor4D;
}

/**
 * Validates the head options shared by the attention layers and returns the units per head:
 * `keyUnits` if given, else `units / numHeads`, which must then be an integer.
 *
 * @example
 * resolveKeyUnits('SelfsupMultiHeadAttention', 4, 64); // 16
 */
export function resolveKeyUnits(className: string, numHeads: number, units: number, keyUnits?: number): number {
  positiveInteger(numHeads, className, 'numHeads');
  positiveInteger(units, className, 'units');
  if (keyUnits !== undefined && keyUnits !== null) return positiveInteger(keyUnits, className, 'keyUnits');
  check(units % numHeads === 0, className, () => `numHeads (${numHeads}) must divide units (${units}) when keyUnits is not given`);
  return units / numHeads;
}
