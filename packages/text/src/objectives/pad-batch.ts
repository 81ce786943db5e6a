import { assertInteger, describeValue } from '@selfsup/core';
import * as tf from '@selfsup/core/tf';

export interface PadSequencesOptions {
  /** The value written after each sequence: the pad token id, 0 for segment ids, -100 for labels. */
  padValue: number;
  /** Length T of the batch; the longest sequence when omitted. A longer sequence is an error (truncate first). */
  length?: number;
}

export interface PadBatchOptions {
  padTokenId: number;
  length?: number;
}

export interface PaddedBatch {
  /** [B, T] int32: the token ids, padded at the end with `padTokenId`. */
  tokenIds: tf.Tensor2D;
  /** [B, T] int32: 1 at real tokens, 0 at padding (Hugging Face's `attention_mask`). */
  attentionMask: tf.Tensor2D;
}

function checkSequences(fn: string, sequences: readonly (readonly number[])[], length: number | undefined): number {
  if (!Array.isArray(sequences) || sequences.length === 0)
    throw new Error(
      `${fn}: sequences must be a non-empty array of sequences, got ${describeValue(sequences)}${Array.isArray(sequences) ? ' of length 0' : ''}`,
    );
  sequences.forEach((sequence, b) => {
    if (!Array.isArray(sequence)) throw new Error(`${fn}: sequences[${b}] must be an array of integers, got ${describeValue(sequence)}`);
    sequence.forEach((value, t) => {
      if (!Number.isInteger(value)) throw new Error(`${fn}: sequences[${b}][${t}] must be an integer, got ${String(value)}`);
    });
  });
  const longest = Math.max(...sequences.map((sequence) => sequence.length));
  if (length === undefined) return longest;
  assertInteger(fn, 'options.length', length, 1);
  const tooLong = sequences.findIndex((sequence) => sequence.length > length);
  if (tooLong >= 0)
    throw new Error(`${fn}: sequences[${tooLong}] has ${sequences[tooLong].length} tokens, more than options.length (${length}): truncate it first`);
  return length;
}

/**
 * Stacks sequences of integers into one [B, T] int32 tensor, examples on axis 0 (the
 * method contract's layout), each padded at the end with `padValue` up to T (the longest,
 * or `length`). For labels pad with -100 (`maskedCrossEntropy`'s ignore index), for segment ids with 0.
 *
 * @example
 * padSequences([[5, 6, 7], [8]], { padValue: -100 }); // [[5, 6, 7], [8, -100, -100]], int32
 */
export function padSequences(sequences: readonly (readonly number[])[], options: PadSequencesOptions): tf.Tensor2D {
  const fn = 'padSequences';
  if (options === null || typeof options !== 'object') throw new Error(`${fn}: options must be an object with padValue`);
  assertInteger(fn, 'options.padValue', options.padValue);
  const length = checkSequences(fn, sequences, options.length);
  const values = new Int32Array(sequences.length * length).fill(options.padValue);
  for (const [b, sequence] of sequences.entries()) values.set(sequence, b * length);
  return tf.tensor2d(values, [sequences.length, length], 'int32'); // [B, T]
}

/**
 * Token ids and attention mask of a batch of sequences (Hugging Face's `DataCollatorWithPadding`,
 * right padding): `tokenIds` [B, T] int32 padded with `padTokenId`, `attentionMask` [B, T]
 * int32, 1 at the tokens and 0 at the padding. T is the longest sequence, or `length`.
 *
 * @example
 * const { tokenIds, attentionMask } = padBatch([[2, 7, 3], [2, 3]], { padTokenId: 0 });
 * // tokenIds [[2, 7, 3], [2, 3, 0]], attentionMask [[1, 1, 1], [1, 1, 0]]
 */
export function padBatch(sequences: readonly (readonly number[])[], options: PadBatchOptions): PaddedBatch {
  const fn = 'padBatch';
  if (options === null || typeof options !== 'object') throw new Error(`${fn}: options must be an object with padTokenId`);
  assertInteger(fn, 'options.padTokenId', options.padTokenId, 0);
  const length = checkSequences(fn, sequences, options.length);
  const mask = new Int32Array(sequences.length * length);
  for (const [b, sequence] of sequences.entries()) mask.fill(1, b * length, b * length + sequence.length);
  return {
    tokenIds: padSequences(sequences, { padValue: options.padTokenId, length }),
    attentionMask: tf.tensor2d(mask, [sequences.length, length], 'int32'), // [B, T]
  };
}
