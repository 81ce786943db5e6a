import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { buildVocabulary } from '../vocabulary/vocabulary.js';
import { type CooccurrenceMatrix, cooccurrenceValue } from './cooccurrence-matrix.js';
import { countCooccurrences } from './count-cooccurrences.js';

/** The matrix as { 'row,column': value } with the words' names, for hand-written expectations. */
function named(matrix: CooccurrenceMatrix, words: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let e = 0; e < matrix.values.length; e++) out[`${words[matrix.rows[e]]},${words[matrix.columns[e]]}`] = matrix.values[e];
  return out;
}

describe('countCooccurrences (checked by hand)', () => {
  // Counts: a 3, b 2, c 1. Vocabulary ids by count: a 0, b 1, c 2.
  const sentences = [
    ['a', 'b', 'c', 'a'],
    ['b', 'a'],
  ];

  it('window 2, symmetric, 1/d: every pair within 2 words, both ways, never across sentences', () => {
    const vocabulary = buildVocabulary(sentences, { minCount: 1 });
    expect(vocabulary.words).toEqual(['a', 'b', 'c']);
    const matrix = countCooccurrences(
      sentences.map((s) => vocabulary.encode(s)),
      3,
      { windowSize: 2 },
    );
    // Sentence 1: (a,b) d1; (b,c) d1; (a,c) d2; (c,a) d1; (b,a) d2 (a..a is 3 apart: outside).
    // Sentence 2: (b,a) d1. Each adds to both X[x][y] and X[y][x].
    expect(named(matrix, vocabulary.words)).toEqual({
      'a,b': 1 + 0.5 + 1,
      'a,c': 0.5 + 1,
      'b,a': 1 + 0.5 + 1,
      'b,c': 1,
      'c,a': 0.5 + 1,
      'c,b': 1,
    });
    // Sorted by row then column.
    expect(Array.from(matrix.rows)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(matrix.columns)).toEqual([1, 2, 0, 2, 0, 1]);
    expect(cooccurrenceValue(matrix, 2, 0)).toBe(1.5);
    expect(cooccurrenceValue(matrix, 1, 1)).toBe(0);
  });

  it('min count drops words before windowing, so the words around them become neighbours', () => {
    const vocabulary = buildVocabulary(sentences, { minCount: 2 });
    expect(vocabulary.words).toEqual(['a', 'b']);
    // Sentence 1 becomes a b a: (a,b) d1, (b,a) d1, (a,a) d2 added twice (symmetric): 1/2 + 1/2.
    const matrix = countCooccurrences(
      sentences.map((s) => vocabulary.encode(s)),
      2,
      { windowSize: 2 },
    );
    expect(named(matrix, vocabulary.words)).toEqual({ 'a,a': 1, 'a,b': 3, 'b,a': 3 });
  });

  it('asymmetric: X[left][right] only; without distance weighting every pair adds 1', () => {
    const ids = [Int32Array.of(0, 1, 2, 0)];
    expect(named(countCooccurrences(ids, 3, { windowSize: 2, symmetric: false }), ['a', 'b', 'c'])).toEqual({
      'a,b': 1,
      'b,c': 1,
      'a,c': 0.5,
      'c,a': 1,
      'b,a': 0.5,
    });
    expect(named(countCooccurrences(ids, 3, { windowSize: 3, symmetric: false, distanceWeighting: false }), ['a', 'b', 'c'])).toEqual({
      'a,b': 1,
      'b,c': 1,
      'a,c': 1,
      'c,a': 1,
      'b,a': 1,
      'a,a': 1,
    });
  });

  it('agrees with a dense brute-force count on a random corpus (the hash table grows many times)', () => {
    const random = createRandom(3);
    const vocabSize = 300;
    const sentences = Array.from({ length: 200 }, () => Int32Array.from({ length: 5 + random.integer(60) }, () => random.integer(vocabSize)));
    const windowSize = 7;
    const dense = new Float64Array(vocabSize * vocabSize);
    for (const ids of sentences) {
      for (let j = 0; j < ids.length; j++) {
        for (let k = Math.max(0, j - windowSize); k < j; k++) {
          dense[ids[k] * vocabSize + ids[j]] += 1 / (j - k);
          dense[ids[j] * vocabSize + ids[k]] += 1 / (j - k);
        }
      }
    }
    const matrix = countCooccurrences(sentences, vocabSize, { windowSize });
    expect(matrix.values.length).toBe(dense.filter((v) => v !== 0).length);
    expect(matrix.values.length).toBeGreaterThan(30_000);
    let worst = 0;
    let unsorted = 0;
    for (let e = 0; e < matrix.values.length; e++) {
      const key = matrix.rows[e] * vocabSize + matrix.columns[e];
      worst = Math.max(worst, Math.abs(matrix.values[e] - dense[key]));
      if (e > 0 && key <= matrix.rows[e - 1] * vocabSize + matrix.columns[e - 1]) unsorted++;
    }
    expect(worst).toBeLessThan(1e-12);
    expect(unsorted).toBe(0);
  });

  it('names the function and the argument in its errors', () => {
    expect(() => countCooccurrences([Int32Array.of(0, 3)], 3)).toThrow('countCooccurrences: sentences[0][1] must be a word id in [0, 3), got 3');
    expect(() => countCooccurrences([], 3, { windowSize: 0 })).toThrow('countCooccurrences: options.windowSize must be an integer >= 1, got 0');
    expect(() => countCooccurrences([], 0)).toThrow(/countCooccurrences: vocabSize must be an integer >= 1/);
    expect(() => countCooccurrences([null as never], 3)).toThrow(/countCooccurrences: sentences\[0\] must be an array of word ids/);
    expect(() => countCooccurrences([], 3, { symmetric: 'yes' as never })).toThrow(/options.symmetric must be a boolean/);
  });
});
