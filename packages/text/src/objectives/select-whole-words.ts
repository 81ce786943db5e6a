import { type SeededRandom, shuffleInPlace } from '@selfsup/core';
import { roundHalfEven } from './round-half-even.js';

export interface SelectWholeWordsOptions {
  /** Whether a token continues the word before it (WordPiece's `##` pieces). */
  isContinuation: (tokenId: number) => boolean;
  /** Tokens never chosen and never part of a word (special tokens, padding). */
  excluded: ReadonlySet<number>;
  /** Share of the sequence's tokens to choose. */
  probability: number;
  /** At most this many tokens. */
  maxPredictions: number;
  /** Padding id, left out of the length that the count is a share of. */
  padTokenId?: number;
}

/**
 * Chooses whole words to mask, as Hugging Face's `DataCollatorForWholeWordMask._whole_word_mask`
 * (after Google's `create_pretraining_data.py` with `do_whole_word_mask`):
 *
 * 1. Words: every token that is not excluded starts a word, except a `##` continuation,
 *    which joins the word before it (a continuation right after an excluded token starts one).
 * 2. Budget: min(maxPredictions, max(1, round(n x probability))) tokens, n the tokens that
 *    are not padding ([CLS] and [SEP] counted, as Hugging Face counts them), round halves to even.
 * 3. The words are shuffled (`shuffleInPlace`); each in turn is taken whole unless it
 *    would pass the budget (then skipped: a later, shorter word may fit).
 *
 * @returns 1 at the chosen positions, 0 elsewhere.
 *
 * @example
 * // [CLS] the whal ##ing ship [SEP]: 'whal ##ing' is chosen whole or not at all
 * const chosen = selectWholeWords([2, 10, 11, 12, 13, 3], createRandom(0), {
 *   isContinuation: (id) => id === 12, excluded: new Set([0, 2, 3]), probability: 0.5, maxPredictions: 512,
 * });
 */
export function selectWholeWords(tokenIds: readonly number[], random: SeededRandom, options: SelectWholeWordsOptions): Uint8Array {
  const { isContinuation, excluded, probability, maxPredictions, padTokenId } = options;
  const words: number[][] = [];
  let previousExcluded = true;
  let length = 0;
  for (let i = 0; i < tokenIds.length; i++) {
    const id = tokenIds[i];
    if (id !== padTokenId) length++;
    if (excluded.has(id)) {
      previousExcluded = true;
      continue;
    }
    if (!previousExcluded && isContinuation(id)) words[words.length - 1].push(i);
    else words.push([i]);
    previousExcluded = false;
  }
  const chosen = new Uint8Array(tokenIds.length);
  const budget = Math.min(maxPredictions, Math.max(1, roundHalfEven(length * probability)));
  let count = 0;
  for (const word of shuffleInPlace(words, random)) {
    if (count >= budget) break;
    if (count + word.length > budget) continue;
    for (const i of word) chosen[i] = 1;
    count += word.length;
  }
  return chosen;
}
