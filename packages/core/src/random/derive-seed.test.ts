import { describe, expect, it } from 'vitest';
import { deriveSeed } from './derive-seed.js';

describe('deriveSeed', () => {
  it('derives distinct, repeatable seeds for neighbouring counters', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, step) => deriveSeed(42, step)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(42, 3)).toBe(deriveSeed(42, 3));
    expect(deriveSeed(42, 3)).not.toBe(deriveSeed(43, 3));
  });

  it('returns unsigned 32-bit integers', () => {
    for (const [seed, counter] of [
      [0, 0],
      [-1, 5],
      [2 ** 40, 7],
    ]) {
      const value = deriveSeed(seed, counter);
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    }
  });
});
