import { createRandom, MASKED_CROSS_ENTROPY_DEFAULTS } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { MASK_TOKENS_DEFAULTS, maskTokens } from './mask-tokens.js';

// A toy vocabulary: 0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP], 4 [MASK], 5..49 words.
const ids = { maskTokenId: 4, vocabSize: 50, specialTokenIds: [0, 1, 2, 3, 4], padTokenId: 0 };
const sequence = [2, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 3, 0, 0];

describe('maskTokens', () => {
  it('defaults are BERT’s and the ignore index is core’s', () => {
    expect(MASK_TOKENS_DEFAULTS).toMatchObject({
      maskProbability: 0.15,
      maskReplaceProbability: 0.8,
      randomReplaceProbability: 0.1,
      wholeWords: false,
    });
    expect(MASK_TOKENS_DEFAULTS.ignoreIndex).toBe(MASKED_CROSS_ENTROPY_DEFAULTS.ignoreIndex);
    expect(Object.isFrozen(MASK_TOKENS_DEFAULTS)).toBe(true);
  });

  it('gives exact outputs on a fixed seed', () => {
    // 14 candidates (10..23); seed 1 chooses 11 and 22 and replaces both by [MASK].
    expect(maskTokens(sequence, createRandom(1), ids)).toEqual({
      tokenIds: [2, 10, 4, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 4, 23, 3, 0, 0],
      labels: [-100, -100, 11, ...new Array(10).fill(-100), 22, -100, -100, -100, -100],
    });
    // Same generator state, same result; with 50% more tokens are chosen.
    expect(maskTokens(sequence, createRandom(1), ids)).toEqual(maskTokens(sequence, createRandom(1), ids));
    const half = maskTokens(sequence, createRandom(1), { ...ids, maskProbability: 0.5 });
    expect(half.labels.filter((label) => label !== -100)).toEqual([11, 15, 18, 20, 21, 22, 23]);
  });

  it('with probability 1 and only [MASK] replacement, masks every non-special token and nothing else', () => {
    const out = maskTokens(sequence, createRandom(3), { ...ids, maskProbability: 1, maskReplaceProbability: 1, randomReplaceProbability: 0 });
    expect(out.tokenIds).toEqual(sequence.map((id) => (id >= 5 ? 4 : id)));
    expect(out.labels).toEqual(sequence.map((id) => (id >= 5 ? id : -100)));
  });

  it('chooses 15% of the tokens, 80% [MASK], 10% random, 10% unchanged (200,000 tokens)', () => {
    const vocabSize = 1000;
    const random = createRandom(7);
    const source = createRandom(8);
    const counts = { candidates: 0, chosen: 0, mask: 0, random: 0, same: 0 };
    for (let s = 0; s < 1000; s++) {
      const tokens = [2, ...Array.from({ length: 200 }, () => 5 + source.integer(vocabSize - 5)), 3, 0, 0, 0];
      const out = maskTokens(tokens, random, { ...ids, vocabSize });
      tokens.forEach((id, i) => {
        if (id >= 5) counts.candidates++;
        if (out.labels[i] === -100) {
          expect(out.tokenIds[i]).toBe(id); // labels only where chosen: everything else is untouched
          return;
        }
        expect(out.labels[i]).toBe(id);
        expect(id).toBeGreaterThanOrEqual(5); // padding and special tokens are never chosen
        counts.chosen++;
        if (out.tokenIds[i] === 4) counts.mask++;
        else if (out.tokenIds[i] === id) counts.same++;
        else {
          counts.random++;
          expect(out.tokenIds[i]).toBeGreaterThanOrEqual(5); // a random replacement is never special
        }
      });
    }
    expect(counts.candidates).toBe(200_000);
    // Binomial standard deviations: sqrt(0.15 x 0.85 / 200,000) = 0.0008, sqrt(0.08 / 30,000) = 0.0016.
    expect(Math.abs(counts.chosen / counts.candidates - 0.15)).toBeLessThan(0.004);
    expect(Math.abs(counts.mask / counts.chosen - 0.8)).toBeLessThan(0.008);
    // A random draw equal to the original (1 in 995) counts as unchanged.
    expect(Math.abs(counts.random / counts.chosen - 0.1)).toBeLessThan(0.006);
    expect(Math.abs(counts.same / counts.chosen - 0.1)).toBeLessThan(0.006);
  });

  it('never draws a special token as the random replacement, even when they are most of the vocabulary', () => {
    const out = maskTokens(new Array(500).fill(7), createRandom(0), {
      maskTokenId: 4,
      vocabSize: 10,
      specialTokenIds: [0, 1, 2, 3, 4, 5, 6],
      maskProbability: 1,
      maskReplaceProbability: 0,
      randomReplaceProbability: 1,
    });
    expect(new Set(out.tokenIds)).toEqual(new Set([7, 8, 9]));
  });

  describe('whole words', () => {
    // [CLS] the whal ##ing ship ##s sail ##ed on [SEP] [PAD]
    const continuations = new Set([12, 14, 16]);
    const tokens = [2, 10, 11, 12, 13, 14, 15, 16, 17, 3, 0];
    const wholeWordIds = { ...ids, wholeWords: true, isContinuation: (id: number) => continuations.has(id) };
    const words = [[1], [2, 3], [4, 5], [6, 7], [8]];

    it('chooses round(n x 15%) tokens in whole words (n counts [CLS] and [SEP], not padding)', () => {
      for (let seed = 0; seed < 50; seed++) {
        const { labels } = maskTokens(tokens, createRandom(seed), { ...wholeWordIds, maskReplaceProbability: 1, randomReplaceProbability: 0 });
        const chosen = labels.flatMap((label, i) => (label === -100 ? [] : [i]));
        // n = 10 ([CLS] and [SEP] counted, [PAD] not): 10 x 0.15 = 1.5 rounds (to even) to 2 tokens.
        expect(chosen.length).toBe(2);
        for (const word of words) expect(word.every((i) => chosen.includes(i)) || word.every((i) => !chosen.includes(i))).toBe(true);
      }
    });

    it('rounds halves to even like Python: 30 tokens x 15% = 4.5 gives 4', () => {
      const long = [2, ...Array.from({ length: 28 }, (_, i) => 20 + i), 3];
      const { labels } = maskTokens(long, createRandom(0), { ...wholeWordIds });
      expect(labels.filter((label) => label !== -100)).toHaveLength(4);
    });

    it('masks whole words on a fixed seed', () => {
      const out = maskTokens(tokens, createRandom(0), {
        ...wholeWordIds,
        maskProbability: 0.4,
        maskReplaceProbability: 1,
        randomReplaceProbability: 0,
      });
      // budget round(10 x 0.4) = 4; shuffleInPlace(words, createRandom(0)) is
      // [on, ship ##s, sail ##ed, the, whal ##ing]: 'on' (1), 'ship ##s' (3), 'sail ##ed'
      // would make 5 and is skipped, 'the' (4) fills the budget.
      expect(out.tokenIds).toEqual([2, 4, 11, 12, 4, 4, 15, 16, 4, 3, 0]);
      expect(out.labels).toEqual([-100, 10, -100, -100, 13, 14, -100, -100, 17, -100, -100]);
    });

    it('needs isContinuation', () => {
      expect(() => maskTokens(tokens, createRandom(0), { ...ids, wholeWords: true })).toThrow(
        'maskTokens: options.isContinuation must be a function',
      );
    });
  });

  it('errors name the argument', () => {
    const r = createRandom(0);
    expect(() => maskTokens([1, -2], r, ids)).toThrow('maskTokens: tokenIds[1] must be a token id');
    expect(() => maskTokens('abc' as never, r, ids)).toThrow('maskTokens: tokenIds must be an array');
    expect(() => maskTokens([5], {} as never, ids)).toThrow('maskTokens: random must be a SeededRandom');
    expect(() => maskTokens([5], r, { ...ids, maskProbability: 1.5 })).toThrow('maskTokens: options.maskProbability must be a number in [0, 1]');
    expect(() => maskTokens([5], r, { ...ids, maskReplaceProbability: 0.95 })).toThrow(
      'maskTokens: options.maskReplaceProbability + options.randomReplaceProbability must be at most 1',
    );
    expect(() => maskTokens([5], r, { ...ids, maskTokenId: 50 })).toThrow(
      'maskTokens: options.maskTokenId must be below options.vocabSize (50), got 50',
    );
    expect(() => maskTokens([5], r, { ...ids, specialTokenIds: [0.5] })).toThrow('maskTokens: options.specialTokenIds[0] must be a token id');
    expect(() => maskTokens([5], r, { ...ids, vocabSize: 0 })).toThrow('maskTokens: options.vocabSize must be an integer >= 1');
  });
});
