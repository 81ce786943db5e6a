import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { analogy, mostSimilar } from './most-similar.js';
import { WordVectors } from './word-vectors.js';

describe('WordVectors', () => {
  const words = ['sea', 'ocean', 'ship', 'boat', 'zero'];
  // sea and ocean point nearly the same way; ship and boat another; zero is the zero vector.
  const vectors = new WordVectors(words, 2, Float32Array.of(1, 0, 0.9, 0.2, 0, 1, 0.1, 2, 0, 0));

  it('looks words up; vector() is a view of the row', () => {
    expect(vectors.size).toBe(5);
    expect(vectors.has('ship')).toBe(true);
    expect(vectors.id('boat')).toBe(3);
    expect(vectors.id('whale')).toBe(-1);
    expect(Array.from(vectors.vector('ship'))).toEqual([0, 1]);
    expect(vectors.vector('ship').buffer).toBe(vectors.data.buffer);
  });

  it('unit vectors have length 1 and the zero vector stays zero', () => {
    const unit = vectors.unitVectors();
    expect(Math.hypot(unit[2], unit[3])).toBeCloseTo(1, 6);
    expect([unit[8], unit[9]]).toEqual([0, 0]);
    expect(vectors.unitVectors()).toBe(unit);
  });

  it('finds the nearest words by cosine, leaving the query word out', () => {
    const [first, second] = vectors.mostSimilar('sea', 2);
    expect(first.word).toBe('ocean');
    expect(first.similarity).toBeCloseTo(0.9 / Math.hypot(0.9, 0.2), 6);
    expect(second.word).toBe('boat');
    expect(vectors.mostSimilar('sea', 10).map((n) => n.word)).toEqual(['ocean', 'boat', 'ship', 'zero']);
    expect(vectors.mostSimilar([1, 0.05], 1)[0].word).toBe('sea');
    expect(vectors.mostSimilar('sea', 10, { restrictVocab: 3 }).map((n) => n.word)).toEqual(['ocean', 'ship']);
  });

  it('agrees with sorting every cosine similarity', () => {
    const random = createRandom(2);
    const size = 500;
    const dimension = 16;
    const data = Float32Array.from({ length: size * dimension }, () => random.normal());
    const many = new WordVectors(
      Array.from({ length: size }, (_, i) => `w${i}`),
      dimension,
      data,
    );
    const cosine = (i: number, query: number[]) => {
      let [dot, a, b] = [0, 0, 0];
      for (let k = 0; k < dimension; k++) {
        dot += data[i * dimension + k] * query[k];
        a += data[i * dimension + k] ** 2;
        b += query[k] ** 2;
      }
      return dot / Math.sqrt(a * b);
    };
    const ranked = (query: number[], excluded: number[]) =>
      Array.from({ length: size }, (_, i) => i)
        .filter((i) => !excluded.includes(i))
        .sort((i, j) => cosine(j, query) - cosine(i, query))
        .slice(0, 25)
        .map((i) => `w${i}`);
    expect(mostSimilar(many, 'w7', 25).map((n) => n.word)).toEqual(ranked(Array.from(many.vector('w7')), [7]));
    // 3CosAdd: unit(b) - unit(a) + unit(c), the three words left out.
    const unit = (i: number) => {
      const row = Array.from(data.subarray(i * dimension, (i + 1) * dimension));
      const norm = Math.hypot(...row);
      return row.map((value) => value / norm);
    };
    const [ua, ub, uc] = [unit(1), unit(2), unit(3)];
    const query = ua.map((_, k) => ub[k] - ua[k] + uc[k]);
    expect(analogy(many, 'w1', 'w2', 'w3', 25).map((n) => n.word)).toEqual(ranked(query, [1, 2, 3]));
    expect(many.analogy('w1', 'w2', 'w3')[0].similarity).toBeCloseTo(cosine(Number(ranked(query, [1, 2, 3])[0].slice(1)), query), 5);
  });

  it('names the function and the argument in its errors', () => {
    expect(() => vectors.mostSimilar('whale')).toThrow("mostSimilar: 'whale' is not in the vocabulary (5 words)");
    expect(() => vectors.mostSimilar([1, 2, 3])).toThrow('mostSimilar: query must be a word or a vector of 2 numbers, got 3 numbers');
    expect(() => vectors.mostSimilar('sea', 0)).toThrow('mostSimilar: topN must be an integer >= 1, got 0');
    expect(() => vectors.mostSimilar('sea', 1, { restrictVocab: 0 })).toThrow('mostSimilar: options.restrictVocab must be an integer >= 1, got 0');
    expect(() => vectors.analogy('sea', 'whale', 'ship')).toThrow("analogy: b 'whale' is not in the vocabulary (5 words)");
    expect(() => vectors.vector('whale')).toThrow("WordVectors.vector: 'whale' is not in the vocabulary (5 words)");
    expect(() => new WordVectors(['a'], 2, new Float32Array(3))).toThrow(
      'WordVectors: data must be a Float32Array of words x dimension = 2 floats, got 3',
    );
    expect(() => new WordVectors(['a b'], 1, new Float32Array(1))).toThrow(/words\[0\] must be a non-empty string without spaces/);
    expect(() => new WordVectors(['a', 'a'], 1, new Float32Array(2))).toThrow(/duplicate/);
    expect(() => new WordVectors(['a'], 0, new Float32Array(0))).toThrow('WordVectors: dimension must be an integer >= 1, got 0');
  });
});
