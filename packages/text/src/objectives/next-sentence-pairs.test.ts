import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { NEXT_SENTENCE_DEFAULTS, nextSentencePairs } from './next-sentence-pairs.js';
import { PACK_SENTENCE_PAIR_DEFAULTS, packSentencePair } from './pack-sentence-pair.js';

const CLS = 2;
const SEP = 3;
const ids = { classifierTokenId: CLS, separatorTokenId: SEP };

describe('packSentencePair', () => {
  it('packs [CLS] A [SEP] B [SEP] with segment ids', () => {
    expect(PACK_SENTENCE_PAIR_DEFAULTS.maxLength).toBe(512);
    expect(packSentencePair([7, 8, 9], [10, 11], ids)).toEqual({ tokenIds: [2, 7, 8, 9, 3, 10, 11, 3], segmentIds: [0, 0, 0, 0, 0, 1, 1, 1] });
  });

  it('truncates longest first, from the end, B when they are as long', () => {
    // 6 + 3 tokens into 8 - 3 = 5: A loses 4 (6 -> 5 -> 4 -> 3), then B (3 = 3) loses 1... and A 1.
    expect(packSentencePair([10, 11, 12, 13, 14, 15], [20, 21, 22], { ...ids, maxLength: 8 }).tokenIds).toEqual([CLS, 10, 11, 12, SEP, 20, 21, SEP]);
    expect(packSentencePair([10, 11], [20, 21, 22, 23, 24], { ...ids, maxLength: 7 }).tokenIds).toEqual([CLS, 10, 11, SEP, 20, 21, SEP]);
    expect(packSentencePair([10, 11, 12], [20, 21, 22], { ...ids, maxLength: 7 }).tokenIds).toEqual([CLS, 10, 11, SEP, 20, 21, SEP]);
    expect(packSentencePair([10], [20], { ...ids, maxLength: 3 })).toEqual({ tokenIds: [CLS, SEP, SEP], segmentIds: [0, 0, 1] });
  });

  it('errors name the argument', () => {
    expect(() => packSentencePair([1], [2], { ...ids, maxLength: 2 })).toThrow('packSentencePair: options.maxLength must be an integer >= 3, got 2');
    expect(() => packSentencePair([1], null as never, ids)).toThrow('packSentencePair: second must be an array of token ids, got null');
  });
});

describe('nextSentencePairs', () => {
  const documents = [
    [[10], [11], [12]],
    [[20], [21]],
  ];

  it('gives exact pairs on a fixed seed', () => {
    expect(NEXT_SENTENCE_DEFAULTS.randomNextProbability).toBe(0.5);
    const pairs = nextSentencePairs(documents, createRandom(0), ids);
    expect(pairs.map(({ tokenIds, nextSentenceLabel }) => [tokenIds, nextSentenceLabel])).toEqual([
      [[CLS, 10, SEP, 20, SEP], 1],
      [[CLS, 11, SEP, 21, SEP], 1],
      [[CLS, 20, SEP, 21, SEP], 0],
    ]);
    expect(pairs[0].segmentIds).toEqual([0, 0, 0, 1, 1]);
  });

  it('half are random sentences from another document, the rest the actual next sentence', () => {
    // 20 documents of 100 sentences; sentence s of document d is the id 1000 + 100 d + s.
    const corpus = Array.from({ length: 20 }, (_, d) => Array.from({ length: 100 }, (_, s) => [1000 + 100 * d + s]));
    const pairs = nextSentencePairs(corpus, createRandom(1), { ...ids, randomNextProbability: 0.5 });
    expect(pairs).toHaveLength(20 * 99);
    let random = 0;
    for (const { tokenIds, nextSentenceLabel } of pairs) {
      const [a, b] = [tokenIds[1], tokenIds[3]];
      if (nextSentenceLabel === 0) expect(b).toBe(a + 1);
      else {
        random++;
        expect(Math.floor((b - 1000) / 100)).not.toBe(Math.floor((a - 1000) / 100)); // never from A's document
      }
    }
    expect(Math.abs(random / pairs.length - 0.5)).toBeLessThan(0.035); // 1,980 pairs: sd 0.011
  });

  it('errors name the argument', () => {
    const r = createRandom(0);
    expect(() => nextSentencePairs([[[1], [2]]], r, ids)).toThrow('nextSentencePairs: documents must hold at least two non-empty documents');
    expect(() => nextSentencePairs([[[1], 'x' as never]], r, ids)).toThrow('nextSentencePairs: documents[0][1] must be an array of token ids');
    expect(() => nextSentencePairs(documents, r, { ...ids, randomNextProbability: -1 })).toThrow(
      'nextSentencePairs: options.randomNextProbability must be a number in [0, 1]',
    );
    expect(nextSentencePairs([[[1], [2]]], r, { ...ids, randomNextProbability: 0 })).toHaveLength(1);
  });
});
