import { describe, expect, it } from 'vitest';
import { hammingDistance, jigsawPermutations } from './jigsaw-permutations.js';

/** Smallest and mean Hamming distance over all pairs. */
function pairwiseDistances(permutations: number[][]): { minimum: number; mean: number } {
  let minimum = Number.POSITIVE_INFINITY;
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < permutations.length; a++) {
    for (let b = a + 1; b < permutations.length; b++) {
      const distance = hammingDistance(permutations[a], permutations[b]);
      minimum = Math.min(minimum, distance);
      total += distance;
      pairs++;
    }
  }
  return { minimum, mean: total / pairs };
}

const isPermutationOf = (permutation: number[], tiles: number) =>
  permutation.length === tiles && [...permutation].sort((a, b) => a - b).every((value, index) => value === index);

describe('jigsawPermutations', () => {
  it('is deterministic for a seed and changes with it', () => {
    const first = jigsawPermutations({ count: 100, seed: 7 });
    expect(jigsawPermutations({ count: 100, seed: 7 })).toEqual(first);
    expect(jigsawPermutations({ count: 100, seed: 8 })).not.toEqual(first);
  });

  it('selects 100 distinct, valid permutations of 9 tiles, at least 6 positions apart, in well under a second', () => {
    const start = performance.now();
    const permutations = jigsawPermutations({ count: 100 });
    const elapsed = performance.now() - start;
    expect(permutations).toHaveLength(100);
    for (const permutation of permutations) expect(isPermutationOf(permutation, 9)).toBe(true);
    expect(new Set(permutations.map((p) => p.join(','))).size).toBe(100);
    const { minimum, mean } = pairwiseDistances(permutations);
    // Measured for seeds 0-3: minimum 6 (the paper's average-only criterion gives 2-4), mean 8.08
    // (two random permutations of 9 differ in 8 positions on average).
    expect(minimum).toBeGreaterThanOrEqual(6);
    expect(mean).toBeGreaterThan(8);
    expect(elapsed).toBeLessThan(1000);
  });

  it("selects the paper's 1000 permutations at least 4 positions apart", () => {
    const permutations = jigsawPermutations({ count: 1000, seed: 0 });
    expect(new Set(permutations.map((p) => p.join(','))).size).toBe(1000);
    // Measured for seeds 0-4: 4 or 5 (from 20,000 candidates).
    expect(pairwiseDistances(permutations).minimum).toBeGreaterThanOrEqual(4);
  });

  it('finds the optimum in small exhaustive cases', () => {
    // Two permutations of 3 tiles can differ everywhere (a cyclic shift): the greedy finds one.
    const [a, b] = jigsawPermutations({ count: 2, tiles: 3 });
    expect(hammingDistance(a, b)).toBe(3);
    // Asking for all 4! permutations returns each of them once.
    const all = jigsawPermutations({ count: 24, tiles: 4, seed: 3 });
    expect(new Set(all.map((p) => p.join(''))).size).toBe(24);
    for (const permutation of all) expect(isPermutationOf(permutation, 4)).toBe(true);
    // Four permutations of 4 tiles pairwise at distance 4 exist (the rows of a Latin square): found.
    expect(pairwiseDistances(jigsawPermutations({ count: 4, tiles: 4 })).minimum).toBe(4);
  });

  it('counts the positions where two permutations differ', () => {
    expect(hammingDistance([0, 1, 2], [0, 1, 2])).toBe(0);
    expect(hammingDistance([0, 1, 2], [0, 2, 1])).toBe(2);
    expect(hammingDistance([0, 1, 2], [1, 2, 0])).toBe(3);
    expect(() => hammingDistance([0, 1], [0, 1, 2])).toThrow(/hammingDistance: a and b must have the same length, got 2 and 3/);
  });

  it('rejects bad options, naming the argument', () => {
    expect(() => jigsawPermutations({ count: 1 })).toThrow(/jigsawPermutations: count must be an integer in \[2, 362880\]/);
    expect(() => jigsawPermutations({ count: 2.5 })).toThrow(/count must be an integer/);
    expect(() => jigsawPermutations({ count: 7, tiles: 3 })).toThrow(/count must be an integer in \[2, 6\]/);
    expect(() => jigsawPermutations({ count: 2, tiles: 11 })).toThrow(/jigsawPermutations: tiles must be an integer in \[2, 10\], got 11/);
    expect(() => jigsawPermutations({ count: 10, candidates: 5 })).toThrow(
      /jigsawPermutations: candidates must be an integer >= count \(10\), got 5/,
    );
    expect(() => jigsawPermutations({ count: 10, seed: 0.5 })).toThrow(/jigsawPermutations: seed must be an integer/);
  });
});
