import { describe, expect, it } from 'vitest';
import { createRandom, randomNormalArray } from '../testing/index.js';
import { effectiveRank } from './effective-rank.js';

describe('effectiveRank', () => {
  it('is about D for an isotropic Gaussian with many samples', () => {
    const dimension = 16;
    const values = randomNormalArray(8000 * dimension, { seed: 1 });
    const rank = effectiveRank({ values, count: 8000, dimension });
    expect(rank).toBeGreaterThan(0.99 * dimension);
    expect(rank).toBeLessThanOrEqual(dimension);
  });

  it('is 1 for rank-1 embeddings and 0 for identical rows', () => {
    const direction = [0.2, -1, 3, 0.7, 1.1, -0.4];
    const random = createRandom(2);
    const line = new Float32Array(100 * 6);
    for (let i = 0; i < 100; i++) {
      const a = random.normal();
      for (let d = 0; d < 6; d++) line[i * 6 + d] = a * direction[d] + 5; // offset removed by centring
    }
    expect(Math.abs(effectiveRank({ values: line, count: 100, dimension: 6 }) - 1)).toBeLessThan(1e-5); // float32 rounding of the rows is the only noise
    const same = Float32Array.from({ length: 20 * 6 }, (_, i) => direction[i % 6]);
    expect(effectiveRank({ values: same, count: 20, dimension: 6 })).toBe(0);
  });

  it('matches a hand computation: singular values 2 : 1 along two axes', () => {
    // Rows ±(2, 0, 0) and ±(0, 1, 0): covariance diag(8, 2, 0) up to scale, σ ∝ (2, 1, 0),
    // p = (2/3, 1/3), effective rank = exp(-(2/3 ln 2/3 + 1/3 ln 1/3)) = 1.8899.
    const values = Float32Array.from([2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1, 0]);
    const expected = Math.exp(-((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3)));
    expect(Math.abs(effectiveRank({ values, count: 4, dimension: 3 }) - expected)).toBeLessThan(1e-12);
  });

  it('uses the Gram matrix when N < D and agrees with the covariance route', () => {
    // k equal, orthogonal directions give exactly k; here N = 4 < D = 10.
    const values = new Float32Array(4 * 10);
    values[0 * 10 + 1] = 1;
    values[1 * 10 + 1] = -1;
    values[2 * 10 + 7] = 1;
    values[3 * 10 + 7] = -1;
    expect(Math.abs(effectiveRank({ values, count: 4, dimension: 10 }) - 2)).toBeLessThan(1e-12);
    const wide = randomNormalArray(6 * 8, { seed: 4 });
    const tall = new Float32Array(6 * 8 * 2); // the same rows twice: N = 12 >= D = 8
    tall.set(wide, 0);
    tall.set(wide, wide.length);
    const viaGram = effectiveRank({ values: wide, count: 6, dimension: 8 });
    const viaCovariance = effectiveRank({ values: tall, count: 12, dimension: 8 });
    expect(Math.abs(viaGram - viaCovariance)).toBeLessThan(1e-9);
  });
});
