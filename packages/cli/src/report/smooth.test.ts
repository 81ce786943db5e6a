import { describe, expect, it } from 'vitest';
import { smoothCurve, smoothingHalfWindowFor } from './smooth.js';

/** The definition, one window at a time. */
function naiveSmooth(values: (number | null)[], halfWindow: number): (number | null)[] {
  return values.map((value, i) => {
    if (value === null) return null;
    const window = values.slice(Math.max(0, i - halfWindow), i + halfWindow + 1).filter((x): x is number => x !== null);
    return window.reduce((sum, x) => sum + x, 0) / window.length;
  });
}

describe('smoothCurve', () => {
  it('matches a naive centered moving average, nulls left out', () => {
    expect(smoothCurve([1, 2, 6, 3], 1)).toEqual([1.5, 3, 11 / 3, 4.5].map((x) => expect.closeTo(x, 12)));
    const values = [5, 4, null, 3.5, 3, 2.5, 2.7, 2.2, null, 2, 1.9, 2.1];
    for (const halfWindow of [0, 1, 2, 5, 20]) {
      expect(smoothCurve(values, halfWindow)).toEqual(naiveSmooth(values, halfWindow).map((x) => (x === null ? null : expect.closeTo(x, 12))));
    }
    expect(smoothCurve([2, 2, 2])).toEqual([2, 2, 2]);
  });

  it('averages over about a fortieth of the curve, at least 3 points', () => {
    expect(smoothingHalfWindowFor(3000)).toBe(37);
    expect(smoothingHalfWindowFor(300)).toBe(3);
    expect(smoothingHalfWindowFor(10)).toBe(1);
  });

  it('rejects a bad half-window', () => {
    expect(() => smoothCurve([1], -1)).toThrow(/smoothCurve: halfWindow must be an integer >= 0, got -1/);
  });
});
