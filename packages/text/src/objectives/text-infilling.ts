import { type SeededRandom, shuffleInPlace } from '@selfsup/core';
import { poissonSpanLengths } from './poisson-span-lengths.js';

export interface TextInfillingOptions {
  maskTokenId: number;
  /** Share of the word starts covered by spans (the budget is ceil(starts x maskRatio)). */
  maskRatio: number;
  poissonLambda: number;
  /** Whether a token starts a word (spans count words); every token when omitted (fairseq's `subword`). */
  isWordStart?: (tokenId: number) => boolean;
}

/** The first `count` entries of a seeded random permutation of 0..n-1 (torch.randperm(n)[:count]). */
export function randomPermutationPrefix(n: number, count: number, random: SeededRandom): number[] {
  return shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    random,
  ).slice(0, count);
}

/**
 * fairseq's `add_insertion_noise` with [MASK]: `count` masks at random places strictly
 * between the first and last token (positions randperm(n + count - 2)[:count] + 1 of the result).
 */
export function insertMasks(tokens: readonly number[], count: number, maskTokenId: number, random: SeededRandom): number[] {
  if (count === 0) return [...tokens];
  const total = tokens.length + count;
  const isMask = new Uint8Array(total);
  for (const p of randomPermutationPrefix(total - 2, count, random)) isMask[p + 1] = 1;
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < total; i++) out.push(isMask[i] ? maskTokenId : tokens[next++]);
  return out;
}

/**
 * BART's text infilling (Lewis et al. 2020, section 2.2) on a sequence that starts with BOS
 * and ends with EOS, as fairseq's `DenoisingDataset.add_whole_word_mask` with
 * `--mask-length span-poisson --replace-length 1 --mask-random 0`:
 *
 * 1. Budget: ceil(W x maskRatio) with W the word starts between BOS and EOS.
 * 2. Span lengths from `poissonSpanLengths(budget, lambda)`; the zero-length ones are set
 *    aside as insertions.
 * 3. Starts: distinct word starts drawn uniformly (randperm), one per non-zero span; each
 *    start becomes [MASK] and the rest of its span (length - 1 more words) is deleted. Spans
 *    may run into one another and stop at EOS, so the covered share is at most maskRatio.
 * 4. One [MASK] per zero-length span is inserted at a random place (`insertMasks`).
 *
 * @example
 * textInfilling([0, 5, 6, 7, 8, 9, 2], createRandom(0), { maskTokenId: 3, maskRatio: 0.3, poissonLambda: 3 });
 */
export function textInfilling(tokens: readonly number[], random: SeededRandom, options: TextInfillingOptions): number[] {
  const { maskTokenId, maskRatio, poissonLambda, isWordStart } = options;
  const n = tokens.length;
  const wordStart = new Int32Array(n);
  for (let i = 1; i < n - 1; i++) wordStart[i] = !isWordStart || isWordStart(tokens[i]) ? 1 : 0;
  const starts: number[] = [];
  for (let i = 0; i < n; i++) if (wordStart[i]) starts.push(i);
  const budget = Math.ceil(starts.length * maskRatio);
  if (budget === 0) return [...tokens];
  const lengths = poissonSpanLengths(budget, random, poissonLambda);
  const spans = lengths.filter((length) => length > 0);
  const inserts = lengths.length - spans.length;
  const source = [...tokens];
  const keep = new Uint8Array(n).fill(1);
  if (spans.length > 0) {
    let indices = randomPermutationPrefix(starts.length, spans.length, random).map((j) => starts[j]);
    let remaining = spans.map((length) => length - 1);
    for (const i of indices) source[i] = maskTokenId;
    wordStart[n - 1] = 255; // a span never passes EOS
    while (indices.length > 0) {
      const nextIndices: number[] = [];
      const nextRemaining: number[] = [];
      indices.forEach((index, j) => {
        const left = remaining[j] - wordStart[index + 1];
        if (left >= 0) {
          nextIndices.push(index + 1);
          nextRemaining.push(left);
          keep[index + 1] = 0;
        }
      });
      indices = nextIndices;
      remaining = nextRemaining;
    }
  }
  const kept = source.filter((_, i) => keep[i] === 1);
  return insertMasks(kept, inserts, maskTokenId, random);
}
