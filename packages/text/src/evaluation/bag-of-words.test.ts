import { describe, expect, it } from 'vitest';
import { bagOfWordsTokens, fitBagOfWords } from './bag-of-words.js';

const row = (features: { values: Float32Array; dimension: number }, i: number) =>
  Array.from(features.values.subarray(i * features.dimension, (i + 1) * features.dimension));

describe('fitBagOfWords', () => {
  it("finds scikit-learn's default words: lower-cased, two or more word characters", () => {
    expect(bagOfWordsTokens("Don't call me, Ishmael! A 2nd_time: 42")).toEqual(['don', 'call', 'me', 'ishmael', '2nd_time', '42']);
  });

  it('matches a hand-computed TF-IDF: vocabulary by document frequency, smoothed idf, L2 rows', () => {
    // Document frequencies: cat 2, bird 1, dog 1, fish 1; 'a' is one letter, not a word.
    const bow = fitBagOfWords(['cat cat dog', 'Cat bird a', 'fish'], { maxFeatures: 2, minDocumentFrequency: 1 });
    expect(bow.vocabulary).toEqual(['cat', 'bird']); // cat first (2 texts), then the first of the 1-text words
    const idfCat = Math.log(4 / 3) + 1; // ln((1 + N) / (1 + df)) + 1 with N = 3
    const idfBird = Math.log(4 / 2) + 1;
    Array.from(bow.idf).forEach((value, i) => {
      expect(value).toBeCloseTo([idfCat, idfBird][i], 12);
    });
    const features = bow.transform(['cat cat dog', 'Cat bird a', 'fish', 'bird bird cat']);
    expect([features.count, features.dimension]).toEqual([4, 2]);
    const norm = (a: number, b: number) => [a / Math.hypot(a, b), b / Math.hypot(a, b)];
    const expected = [[1, 0], norm(idfCat, idfBird), [0, 0], norm(idfCat, 2 * idfBird)];
    expected.forEach((values, i) => {
      for (const [c, value] of row(features, i).entries()) expect(value).toBeCloseTo(values[c], 6);
    });
  });

  it('without TF-IDF counts words; drops words in fewer than minDocumentFrequency texts', () => {
    const bow = fitBagOfWords(['red red blue', 'red green', 'blue'], { tfidf: false });
    expect(bow.vocabulary).toEqual(['blue', 'red']); // green is in one text only (default minimum 2)
    expect(Array.from(bow.idf)).toEqual([1, 1]);
    const [blue, red] = row(bow.transform(['red red blue green']), 0);
    expect(blue).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(red).toBeCloseTo(2 / Math.sqrt(5), 6);
  });

  it('names what it cannot fit', () => {
    expect(() => fitBagOfWords([])).toThrow('fitBagOfWords: trainTexts must be a non-empty array of strings');
    expect(() => fitBagOfWords(['one text', 'another one'], { minDocumentFrequency: 3 })).toThrow('no word is in 3 or more of the 2 training texts');
    expect(() => fitBagOfWords(['x'], { maxFeatures: 0 })).toThrow('maxFeatures must be a positive integer');
  });
});
