import { describe, expect, it } from 'vitest';
import { nextUint32, word2vecSeed } from './fast-random.js';
import {
  drawFromTable,
  drawWithGuide,
  keepProbability,
  NEGATIVE_TABLE_DOMAIN,
  negativeSamplingGuide,
  negativeSamplingTable,
  subsamplingThresholds,
} from './sampling-tables.js';

describe('negativeSamplingTable (unigram^0.75, cumulative as gensim)', () => {
  const counts = [1000, 300, 81, 16, 16, 1];
  const weights = counts.map((count) => count ** 0.75);
  const total = weights.reduce((sum, weight) => sum + weight, 0);

  it('holds round(domain x cumulative share) and ends at the domain', () => {
    const table = negativeSamplingTable(counts);
    let cumulative = 0;
    counts.forEach((_, i) => {
      cumulative += weights[i];
      expect(table[i]).toBe(Math.round((cumulative / total) * NEGATIVE_TABLE_DOMAIN));
    });
    expect(table.at(-1)).toBe(2 ** 31 - 1);
    expect(Array.from(negativeSamplingTable([16, 1]))).toEqual([1908874353, 2147483647]);
    expect(Array.from(negativeSamplingTable([4, 1], 1, 10))).toEqual([8, 10]);
  });

  it('draws each word with probability count^0.75 / sum (bisection boundaries exact)', () => {
    const table = negativeSamplingTable([4, 1], 1, 10);
    expect([0, 7, 8, 9].map((x) => drawFromTable(table, x))).toEqual([0, 0, 1, 1]);
    const big = negativeSamplingTable(counts);
    const draws = 400_000;
    const seen = new Float64Array(counts.length);
    const state = Uint32Array.of(word2vecSeed(3, 1));
    for (let i = 0; i < draws; i++) seen[drawFromTable(big, nextUint32(state) % NEGATIVE_TABLE_DOMAIN)]++;
    counts.forEach((_, i) => {
      const p = weights[i] / total;
      // Within 5 standard deviations of the binomial.
      expect(Math.abs(seen[i] / draws - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / draws));
    });
    // The exponent flattens the distribution: the rarest word is drawn far more often than its share of the counts.
    expect(seen[5] / draws).toBeGreaterThan(3 * (1 / counts.reduce((a, b) => a + b)));
  });

  it('names the function and the argument in its errors', () => {
    expect(() => negativeSamplingTable([])).toThrow('negativeSamplingTable: counts must be a non-empty array of word counts, got 0 entries');
    expect(() => negativeSamplingTable([3, 0])).toThrow('negativeSamplingTable: counts[1] must be > 0, got 0');
    expect(() => negativeSamplingTable([3], 0.75, 0)).toThrow('negativeSamplingTable: domain must be an integer in [1, 2^32 - 1], got 0');
  });
});

describe('frequent-word subsampling', () => {
  it('keeps with probability (sqrt(f / (s T)) + 1) (s T) / f, capped at 1', () => {
    // A word that is 1% of 100,000 words with sample 1e-3: t = 100.
    expect(keepProbability(1000, 1e-3, 100_000)).toBeCloseTo((Math.sqrt(10) + 1) * 0.1, 12);
    expect(keepProbability(10, 1e-3, 100_000)).toBe(1);
    // The formula is 1 exactly where f = t (3 + sqrt 5) / 2 (gensim's cut-off for sample >= 1).
    const t = 100;
    expect(keepProbability((t * (3 + Math.sqrt(5))) / 2, 1e-3, 100_000)).toBeCloseTo(1, 12);
    expect(keepProbability(1000, 0, 100_000)).toBe(1);
  });

  it('stores the probabilities as uint32 thresholds (gensim sample_int) over the vocabulary total', () => {
    const counts = [5000, 2000, 10, 3];
    const total = counts.reduce((a, b) => a + b);
    const thresholds = subsamplingThresholds(counts, 1e-3);
    expect(Array.from(thresholds)).toEqual(counts.map((count) => Math.floor(keepProbability(count, 1e-3, total) * 4294967295)));
    expect(thresholds[3]).toBe(4294967295);
    // Kept when a uniform uint32 is <= the threshold: the empirical rate matches.
    const state = Uint32Array.of(word2vecSeed(5, 1));
    let kept = 0;
    for (let i = 0; i < 200_000; i++) if (nextUint32(state) <= thresholds[0]) kept++;
    const p = keepProbability(5000, 1e-3, total);
    expect(Math.abs(kept / 200_000 - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / 200_000));
    expect(() => subsamplingThresholds(counts, 1)).toThrow('subsamplingThresholds: sample must be a number in [0, 1), got 1');
  });
});

describe('negativeSamplingGuide', () => {
  it('draws exactly what the bisection draws, boundaries included', () => {
    for (const counts of [[1000, 300, 81, 16, 16, 1], Array.from({ length: 3000 }, (_, i) => 1 + Math.floor(50000 / (i + 1))), [7]]) {
      const table = negativeSamplingTable(counts);
      const { guide, shift } = negativeSamplingGuide(table);
      expect(shift).toBe(15);
      const state = Uint32Array.of(9);
      const xs = [0, NEGATIVE_TABLE_DOMAIN - 1, ...Array.from(table.subarray(0, -1)).flatMap((v) => [v - 1, v, v + 1])];
      for (let i = 0; i < 20000; i++) xs.push(nextUint32(state) % NEGATIVE_TABLE_DOMAIN);
      for (const x of xs) if (x >= 0 && x < NEGATIVE_TABLE_DOMAIN) expect(drawWithGuide(table, guide, shift, x)).toBe(drawFromTable(table, x));
    }
    const small = negativeSamplingTable([4, 1], 1, 10);
    const { guide, shift } = negativeSamplingGuide(small);
    expect(shift).toBe(0);
    expect([0, 7, 8, 9].map((x) => drawWithGuide(small, guide, shift, x))).toEqual([0, 0, 1, 1]);
  });
});
