import { describe, expect, it } from 'vitest';
import { downsampleIndices } from './downsample.js';

describe('downsampleIndices', () => {
  it('keeps every index of a short sequence', () => {
    expect(downsampleIndices(0, 2000)).toEqual([]);
    expect(downsampleIndices(3, 2000)).toEqual([0, 1, 2]);
    expect(downsampleIndices(4, 4)).toEqual([0, 1, 2, 3]);
  });

  it('keeps evenly spaced indices, the first and the last, of a long one', () => {
    expect(downsampleIndices(10, 4)).toEqual([0, 3, 6, 9]);
    const kept = downsampleIndices(100_001, 2000);
    expect(kept).toHaveLength(2000);
    expect([kept[0], kept.at(-1)]).toEqual([0, 100_000]);
    expect(kept.every((index, i) => i === 0 || index > kept[i - 1])).toBe(true);
  });

  it('rejects a bad length or maximum', () => {
    expect(() => downsampleIndices(-1, 10)).toThrow(/downsampleIndices: length must be an integer >= 0, got -1/);
    expect(() => downsampleIndices(10, 1)).toThrow(/downsampleIndices: maxPoints must be an integer >= 2, got 1/);
  });
});
