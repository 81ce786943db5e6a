import { assertInteger } from '@selfsup/core';
import { assertTokenIds } from './collator-checks.js';

/** Defaults of `packSentencePair` and `nextSentencePairs`. */
export const PACK_SENTENCE_PAIR_DEFAULTS = Object.freeze({
  /** Longest packed sequence, special tokens included: BERT's 512 (it trains 90% of its steps at 128). */
  maxLength: 512,
});

export interface PackSentencePairOptions {
  classifierTokenId: number;
  separatorTokenId: number;
  maxLength?: number;
}

export interface PackedSentencePair {
  /** [CLS] A [SEP] B [SEP]. */
  tokenIds: number[];
  /** 0 for [CLS], A and the first [SEP]; 1 for B and the last [SEP] (BERT's token type ids). */
  segmentIds: number[];
}

/**
 * Packs two segments as BERT's sentence-pair input (Devlin et al. 2019, section 3, Figure 2):
 * [CLS] A [SEP] B [SEP], segment ids 0 for the first part and 1 for B and its [SEP]. When the
 * pair is longer than `maxLength`, tokens are removed one at a time from the end of the
 * longer segment, from B when they are as long (Hugging Face's `truncation='longest_first'`).
 *
 * @example
 * packSentencePair([7, 8, 9], [10, 11], { classifierTokenId: 2, separatorTokenId: 3 });
 * // { tokenIds: [2, 7, 8, 9, 3, 10, 11, 3], segmentIds: [0, 0, 0, 0, 0, 1, 1, 1] }
 */
export function packSentencePair(first: readonly number[], second: readonly number[], options: PackSentencePairOptions): PackedSentencePair {
  const fn = 'packSentencePair';
  assertTokenIds(fn, 'first', first);
  assertTokenIds(fn, 'second', second);
  if (options === null || typeof options !== 'object')
    throw new Error(`${fn}: options must be an object with classifierTokenId and separatorTokenId`);
  const { classifierTokenId, separatorTokenId } = options;
  const maxLength = options.maxLength ?? PACK_SENTENCE_PAIR_DEFAULTS.maxLength;
  assertInteger(fn, 'options.classifierTokenId', classifierTokenId, 0);
  assertInteger(fn, 'options.separatorTokenId', separatorTokenId, 0);
  assertInteger(fn, 'options.maxLength', maxLength, 3);
  let a = first.length;
  let b = second.length;
  while (a + b > maxLength - 3) {
    if (a > b) a--;
    else b--;
  }
  return {
    tokenIds: [classifierTokenId, ...first.slice(0, a), separatorTokenId, ...second.slice(0, b), separatorTokenId],
    segmentIds: [...new Array<number>(a + 2).fill(0), ...new Array<number>(b + 1).fill(1)],
  };
}
