import { describe, expect, it } from 'vitest';
import { createRandom, randomNormalArray } from '../testing/index.js';
import { collapseReport } from './collapse-report.js';

describe('collapseReport', () => {
  it('passes a healthy (isotropic Gaussian) embedding', () => {
    const dimension = 16;
    const report = collapseReport({ values: randomNormalArray(3000 * dimension, { seed: 1 }), count: 3000, dimension });
    expect(report.collapsed).toBe(false);
    expect(report.warning).toBeUndefined();
    expect(report.healthyStd).toBe(0.25);
    expect(Math.abs(report.meanDimensionStd - 0.25)).toBeLessThan(0.01);
    expect(report.effectiveRank).toBeGreaterThan(15.8);
    expect([report.count, report.dimension]).toEqual([3000, 16]);
  });

  it('flags complete collapse (all rows equal up to tiny noise) and says so', () => {
    const dimension = 8;
    const noise = randomNormalArray(200 * dimension, { seed: 2, scale: 1e-4 });
    const values = noise.map((v, i) => v + (i % dimension) + 1);
    const report = collapseReport({ values, count: 200, dimension });
    expect(report.collapsed).toBe(true);
    expect(report.meanDimensionStd).toBeLessThan(1e-4);
    // The noise is isotropic, so the rank criterion alone would not see this collapse.
    expect(report.effectiveRank).toBeGreaterThan(7);
    expect(report.warning).toMatch(/^Representation collapse: the run has collapsed; the mean per-dimension std/);
    expect(report.warning).toContain('(healthy ≈ 1/sqrt(8) = 0.354)');
  });

  it('flags collapse to a line even when the std looks healthy', () => {
    const dimension = 4;
    const random = createRandom(3);
    const values = new Float32Array(100 * dimension);
    for (let i = 0; i < 100; i++) {
      const sign = random.next() < 0.5 ? -1 : 1;
      values[i * dimension] = sign * (1 + random.next());
    }
    const report = collapseReport({ values, count: 100, dimension });
    expect(report.meanDimensionStd).toBeGreaterThan(0.1 / Math.sqrt(dimension));
    expect(report.effectiveRank).toBeCloseTo(1, 6);
    expect(report.collapsed).toBe(true);
    expect(report.warning).toContain('the effective rank is 1 of 4 dimensions, below 1.5');
  });

  it('reports identical rows as collapsed with rank 0', () => {
    const report = collapseReport({ values: new Float32Array(10 * 3).fill(1), count: 10, dimension: 3 });
    expect(report).toMatchObject({ collapsed: true, meanDimensionStd: 0, effectiveRank: 0 });
    expect(report.warning).toContain('all embeddings are nearly the same point');
    expect(report.warning).toContain('the effective rank is 0 of 3 dimensions');
  });
});
