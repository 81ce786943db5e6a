import { describe, expect, it } from 'vitest';
import { linearAlpha } from './learning-rate.js';

describe('linearAlpha', () => {
  it('falls linearly from alpha to minAlpha over all epochs, never below minAlpha', () => {
    expect(linearAlpha(0, 0.025, 1e-4)).toBe(0.025);
    expect(linearAlpha(0.5, 0.025, 1e-4)).toBeCloseTo(0.01255, 12);
    expect(linearAlpha(1, 0.025, 1e-4)).toBeCloseTo(1e-4, 12);
    expect(linearAlpha(1.2, 0.025, 1e-4)).toBe(1e-4);
    const steps = [0.1, 0.2, 0.3].map((p) => linearAlpha(p, 0.025, 1e-4));
    expect(steps[0] - steps[1]).toBeCloseTo(steps[1] - steps[2], 12);
  });
});
