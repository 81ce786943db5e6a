import { describe, expect, it } from 'vitest';
import { buildVocabulary, VOCABULARY_DEFAULTS, Vocabulary } from './vocabulary.js';

describe('buildVocabulary', () => {
  const sentences = [
    ['the', 'whale', 'the', 'sea'],
    ['a', 'whale', 'the', 'ship', 'sea'],
  ];

  it('keeps words seen minCount times, most frequent first, ties in code-unit order', () => {
    const vocabulary = buildVocabulary(sentences, { minCount: 1 });
    expect(vocabulary.words).toEqual(['the', 'sea', 'whale', 'a', 'ship']);
    expect(Array.from(vocabulary.counts)).toEqual([3, 2, 2, 1, 1]);
    expect(buildVocabulary(sentences, { minCount: 2 }).words).toEqual(['the', 'sea', 'whale']);
    expect(buildVocabulary(sentences, { minCount: 1, maxSize: 2 }).words).toEqual(['the', 'sea']);
  });

  it('defaults to min count 5 (word2vec, GloVe demo.sh)', () => {
    expect(VOCABULARY_DEFAULTS.minCount).toBe(5);
    expect(Object.isFrozen(VOCABULARY_DEFAULTS)).toBe(true);
    expect(buildVocabulary([Array(5).fill('x').concat(Array(4).fill('y'))]).words).toEqual(['x']);
  });

  it('maps words and ids both ways and encodes without the unknown words', () => {
    const vocabulary = buildVocabulary(sentences, { minCount: 2 });
    expect(vocabulary.size).toBe(3);
    expect(vocabulary.id('whale')).toBe(2);
    expect(vocabulary.id('ship')).toBe(-1);
    expect(vocabulary.has('sea')).toBe(true);
    expect(vocabulary.word(1)).toBe('sea');
    expect(vocabulary.count(0)).toBe(3);
    expect(Array.from(vocabulary.encode(sentences[1]))).toEqual([2, 0, 1]);
  });

  it('names the function and the argument in its errors', () => {
    expect(() => buildVocabulary(sentences, { minCount: 0 })).toThrow('buildVocabulary: options.minCount must be an integer >= 1, got 0');
    expect(() => buildVocabulary(sentences, { maxSize: 1.5 })).toThrow(/buildVocabulary: options.maxSize/);
    expect(() => buildVocabulary([['a', 3 as unknown as string]])).toThrow(/buildVocabulary: sentences\[0\] holds a number/);
    expect(() => buildVocabulary(null as never)).toThrow(/buildVocabulary: sentences must be an iterable/);
    expect(() => new Vocabulary(['a', 'b'], [1, 2])).toThrow(/Vocabulary: counts must be >= 0 and in descending order/);
    expect(() => new Vocabulary(['a', 'a'], [2, 1])).toThrow(/duplicate/);
    expect(() => new Vocabulary(['a'], [])).toThrow(/one count per word/);
    expect(() => new Vocabulary(['a'], [1]).word(1)).toThrow('Vocabulary.word: id must be an integer in [0, 1), got 1');
  });
});
