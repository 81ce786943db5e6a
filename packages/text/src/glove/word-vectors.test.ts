import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { WordVectors } from './word-vectors.js';

describe('WordVectors', () => {
  const words = ['sea', 'ocean', 'ship', 'boat', 'zero'];
  // sea and ocean point nearly the same way; ship and boat another; zero is the zero vector.
  const vectors = new WordVectors(words, Float32Array.of(1, 0, 0.9, 0.2, 0, 1, 0.1, 2, 0, 0), 2);

  it('finds the nearest words by cosine, leaving the query word out', () => {
    const [first, second] = vectors.nearest('sea', 2);
    expect(first.word).toBe('ocean');
    expect(first.similarity).toBeCloseTo(0.9 / Math.hypot(0.9, 0.2), 6);
    expect(second.word).toBe('boat');
    expect(vectors.nearest('ship', 1)[0].word).toBe('boat');
    expect(vectors.nearest('sea', 10).map((n) => n.word)).toEqual(['ocean', 'boat', 'ship', 'zero']);
    expect(vectors.nearest('sea', 10).at(-1)!.similarity).toBe(0);
  });

  it('takes a vector as the query, and words to exclude', () => {
    expect(vectors.nearest([1, 0.05], 1)[0].word).toBe('sea');
    expect(vectors.nearest('sea', 1, { exclude: ['ocean'] })[0].word).toBe('boat');
  });

  it('agrees with sorting every cosine similarity', () => {
    const random = createRandom(2);
    const size = 500;
    const dimension = 16;
    const data = Float32Array.from({ length: size * dimension }, () => random.normal());
    const many = new WordVectors(
      Array.from({ length: size }, (_, i) => `w${i}`),
      data,
      dimension,
    );
    const query = many.vector('w7')!;
    const cosine = (i: number) => {
      let [dot, a, b] = [0, 0, 0];
      for (let k = 0; k < dimension; k++) {
        dot += data[i * dimension + k] * query[k];
        a += data[i * dimension + k] ** 2;
        b += query[k] ** 2;
      }
      return dot / Math.sqrt(a * b);
    };
    const expected = Array.from({ length: size }, (_, i) => i)
      .filter((i) => i !== 7)
      .sort((i, j) => cosine(j) - cosine(i))
      .slice(0, 25)
      .map((i) => `w${i}`);
    expect(many.nearest('w7', 25).map((n) => n.word)).toEqual(expected);
  });

  it('looks words up', () => {
    expect(vectors.size).toBe(5);
    expect(vectors.has('ship')).toBe(true);
    expect(Array.from(vectors.vector('ship')!)).toEqual([0, 1]);
    expect(vectors.vector('whale')).toBeUndefined();
  });

  it('names the function and the argument in its errors', () => {
    expect(() => vectors.nearest('whale')).toThrow("WordVectors.nearest: query 'whale' is not one of the 5 words");
    expect(() => vectors.nearest([1, 2, 3])).toThrow('WordVectors.nearest: query must be a word or 2 numbers, got 3');
    expect(() => vectors.nearest('sea', 0)).toThrow('WordVectors.nearest: k must be an integer >= 1, got 0');
    expect(() => new WordVectors(['a'], new Float32Array(3), 2)).toThrow('WordVectors: vectors must be a Float32Array of 1 words x 2, got 3');
    expect(() => new WordVectors(['a b'], new Float32Array(2), 2)).toThrow(/words\[0\] must be a non-empty string without whitespace/);
    expect(() => new WordVectors(['a', 'a'], new Float32Array(4), 2)).toThrow(/duplicate/);
  });
});
