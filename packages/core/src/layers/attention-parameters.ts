import * as tf from '../tf.js';
import { addDenseParameters, applyDense, type DenseParameters } from './dense-parameters.js';
import { type AddWeight, check, positiveInteger } from './layer-tools.js';
import type { WeightSeeds } from './weight-seeds.js';
import { attendHeads, attentionBias, attentionDropout, type AttentionOptions } from './scaled-dot-product-attention.js';

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
    const { numHeads: heads, keyUnits: headUnits } = this.sizes;
    const [batch, queryLength] = query.shape;
    const keyLength = memory.shape[1];
    const splitHeads = (x: tf.Tensor, length: number) => tf.reshape(x, [batch, length, heads, headUnits]); // [B, T, H, hd]
    const q = tf.transpose(splitHeads(applyDense(query, this.query), queryLength), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, Tq, hd]
    const kT = tf.transpose(splitHeads(applyDense(memory, this.key), keyLength), [0, 2, 3, 1]) as tf.Tensor4D; // [B, H, hd, Tk]
    const v = tf.transpose(splitHeads(applyDense(memory, this.value), keyLength), [0, 2, 1, 3]) as tf.Tensor4D; // [B, H, Tk, hd]
    const bias = attentionBias(batch, queryLength, keyLength, options); // [B or 1, 1, Tq, Tk]
    const attended = attendHeads(q, kT, v, bias, attentionDropout(options)); // [B, H, Tq, hd]
    const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [batch, queryLength, heads * headUnits]); // [B, Tq, H·hd]
    return applyDense(merged, this.output) as tf.Tensor3D; // [B, Tq, units]
  }
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
