import { describe, expect, it } from 'vitest';
import { trainGlove } from './train-glove.js';
import { trainGloveParallel } from './train-glove-parallel.js';

const sentences = [
  ['the', 'whale', 'swam', 'in', 'the', 'sea'],
  ['the', 'ship', 'sailed', 'on', 'the', 'sea'],
  ['a', 'whale', 'and', 'a', 'ship'],
];

describe('trainGlove', () => {
  it('returns the vocabulary, the counts, the parameters, a cost per epoch and W + W~ per word', () => {
    const result = trainGlove(sentences, { minCount: 2, vectorSize: 4, windowSize: 3, epochs: 4 });
    expect(result.vocabulary.words).toEqual(['the', 'a', 'sea', 'ship', 'whale']);
    expect(result.cooccurrences.vocabSize).toBe(5);
    expect(result.costs).toHaveLength(4);
    expect(result.vectors.words).toEqual(result.vocabulary.words);
    expect(Array.from(result.vectors.vector('sea'))).toEqual(Array.from(result.parameters.wordVectors().subarray(8, 12)));
  });

  it('on one worker thread gives exactly the same result (Node)', { timeout: 60_000 }, async () => {
    const options = { minCount: 1, vectorSize: 3, windowSize: 2, epochs: 3, seed: 9 };
    const parallel = await trainGloveParallel(sentences, { ...options, threads: 1 });
    const single = trainGlove(sentences, options);
    expect(parallel.vectors.data).toEqual(single.vectors.data);
    expect(parallel.costs).toEqual(single.costs);
  });

  it('names the function and the argument in its errors', () => {
    expect(() => trainGlove('text' as never)).toThrow('trainGlove: sentences must be an array of word arrays, got string');
    expect(() => trainGlove(sentences)).toThrow('trainGlove: no word is seen options.minCount = 5 times; lower it');
    expect(() => trainGlove(sentences, { minCount: 1, windowSize: -1 })).toThrow(
      'countCooccurrences: options.windowSize must be an integer >= 1, got -1',
    );
  });
});
