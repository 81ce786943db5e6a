import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomNormalArray, useBackend } from '../testing/index.js';
import { meanDimensionStd } from './mean-dimension-std.js';

/** Float64 reference: normalise rows, sample std per column, average. */
function reference(values: Float32Array, count: number, dimension: number): number {
  const rows = Array.from({ length: count }, (_, i) => {
    const row = Array.from(values.subarray(i * dimension, (i + 1) * dimension));
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
  let total = 0;
  for (let d = 0; d < dimension; d++) {
    const mean = rows.reduce((s, r) => s + r[d], 0) / count;
    total += Math.sqrt(rows.reduce((s, r) => s + (r[d] - mean) ** 2, 0) / (count - 1));
  }
  return total / dimension;
}

describe('meanDimensionStd', () => {
  beforeAll(() => useBackend('cpu'));

  it('is about 1/sqrt(D) for an isotropic Gaussian', () => {
    const dimension = 32;
    const values = randomNormalArray(4000 * dimension, { seed: 1 });
    const std = meanDimensionStd({ values, count: 4000, dimension });
    expect(Math.abs(std * Math.sqrt(dimension) - 1)).toBeLessThan(0.02);
  });

  it('is 0 when all rows are the same direction (complete collapse)', () => {
    const row = [0.3, -1.2, 2, 0.5];
    const values = Float32Array.from({ length: 50 * 4 }, (_, i) => row[i % 4] * (1 + Math.floor(i / 4))); // scaled copies
    expect(meanDimensionStd({ values, count: 50, dimension: 4 })).toBeLessThan(1e-7);
  });

  it('matches a float64 loop, for a FeatureMatrix or a tensor', () => {
    const values = randomNormalArray(37 * 5, { seed: 2 });
    const expected = reference(values, 37, 5);
    expect(Math.abs(meanDimensionStd({ values, count: 37, dimension: 5 }) - expected)).toBeLessThan(1e-12);
    const tensor = tf.tensor2d(values, [37, 5]);
    expect(Math.abs(meanDimensionStd(tensor) - expected)).toBeLessThan(1e-12);
    tensor.dispose();
  });

  it('rejects a single row', () => {
    expect(() => meanDimensionStd({ values: new Float32Array(3), count: 1, dimension: 3 })).toThrow(
      'meanDimensionStd: embeddings need at least 2 rows to have a spread, got 1',
    );
  });
});
