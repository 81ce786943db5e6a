import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { leakedTensors, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { alignment, uniformity } from './alignment-uniformity.js';

function normalizedRows(values: Float32Array, count: number, dimension: number, normalize = true): number[][] {
  return Array.from({ length: count }, (_, i) => {
    const row = Array.from(values.subarray(i * dimension, (i + 1) * dimension));
    const norm = normalize ? Math.hypot(...row) : 1;
    return row.map((x) => x / norm);
  });
}

const squaredDistance = (a: number[], b: number[]) => a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0);

function referenceAlignment(z1: Float32Array, z2: Float32Array, count: number, dimension: number, alpha: number): number {
  const a = normalizedRows(z1, count, dimension);
  const b = normalizedRows(z2, count, dimension);
  return a.reduce((s, row, i) => s + squaredDistance(row, b[i]) ** (alpha / 2), 0) / count;
}

function referenceUniformity(z: Float32Array, count: number, dimension: number, t: number, normalize = true): number {
  const rows = normalizedRows(z, count, dimension, normalize);
  const exponents: number[] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) exponents.push(-t * squaredDistance(rows[i], rows[j]));
  const maximum = Math.max(...exponents);
  return maximum + Math.log(exponents.reduce((s, e) => s + Math.exp(e - maximum), 0) / exponents.length);
}

describe.each(TEST_BACKENDS)('alignment and uniformity on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('alignment matches a float64 loop for several exponents', () => {
    const z1 = randomNormalArray(40 * 6, { seed: 1 });
    const z2 = randomNormalArray(40 * 6, { seed: 2 });
    for (const alpha of [2, 1, 3]) {
      const expected = referenceAlignment(z1, z2, 40, 6, alpha);
      expect(
        Math.abs(alignment({ values: z1, count: 40, dimension: 6 }, { values: z2, count: 40, dimension: 6 }, { alpha }) - expected),
      ).toBeLessThan(1e-12);
    }
    expect(alignment({ values: z1, count: 40, dimension: 6 }, { values: z1.map((v) => 3 * v), count: 40, dimension: 6 })).toBeLessThan(1e-12);
  });

  it('uniformity matches a float64 loop, for any block size, normalised or not', () => {
    const z = randomNormalArray(45 * 5, { seed: 3 });
    const features = { values: z, count: 45, dimension: 5 };
    const expected = referenceUniformity(z, 45, 5, 2);
    for (const blockSize of [1, 8, 1024]) {
      expect(Math.abs(uniformity(features, { blockSize }) - expected)).toBeLessThan(1e-5);
    }
    expect(Math.abs(uniformity(features, { t: 0.5 }) - referenceUniformity(z, 45, 5, 0.5))).toBeLessThan(1e-5);
    // Unnormalised, far-apart rows: every exp underflows in a naive sum, not in the log-sum-exp.
    const far = z.map((v) => 40 * v);
    const farExpected = referenceUniformity(far, 45, 5, 2, false);
    const farResult = uniformity({ values: far, count: 45, dimension: 5 }, { normalize: false });
    expect(Number.isFinite(farResult)).toBe(true);
    expect(Math.abs(farResult - farExpected) / Math.abs(farExpected)).toBeLessThan(1e-4);
  });

  it('uniformity is 0 for identical rows and leaks no tensors', () => {
    const same = Float32Array.from({ length: 10 * 3 }, (_, i) => [1, 2, 2][i % 3]);
    expect(Math.abs(uniformity({ values: same, count: 10, dimension: 3 }))).toBeLessThan(1e-6);
    const tensor = tf.tensor2d(randomNormalArray(20 * 4, { seed: 5 }), [20, 4]);
    expect(leakedTensors(() => void uniformity(tensor, { blockSize: 3 }))).toBe(0);
    tensor.dispose();
  });

  it('rejects bad input', () => {
    const a = { values: new Float32Array(6), count: 2, dimension: 3 };
    const b = { values: new Float32Array(4), count: 2, dimension: 2 };
    expect(() => alignment(a, b)).toThrow('alignment: z2 must be [N, D] matching z1 [2, 3], got [2, 2]');
    expect(() => alignment(a, a, { alpha: 0 })).toThrow('alignment: alpha must be a finite number > 0, got 0');
    expect(() => uniformity({ values: new Float32Array(3), count: 1, dimension: 3 })).toThrow('uniformity: z needs at least 2 rows');
    expect(() => uniformity(a, { t: Number.NaN })).toThrow('uniformity: t must be a finite number > 0');
  });
});
