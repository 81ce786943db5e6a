import { describe, expect, it } from 'vitest';
import { createRandom } from '../testing/index.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/** Q diag(λ) Qᵀ with Q a random orthogonal matrix (Gram-Schmidt of Gaussian columns). */
function withEigenvalues(eigenvalues: number[], seed: number): Float64Array {
  const n = eigenvalues.length;
  const random = createRandom(seed);
  const q: number[][] = [];
  while (q.length < n) {
    const v = Array.from({ length: n }, () => random.normal());
    for (const u of q) {
      const dot = u.reduce((s, x, i) => s + x * v[i], 0);
      for (let i = 0; i < n; i++) v[i] -= dot * u[i];
    }
    const norm = Math.hypot(...v);
    q.push(v.map((x) => x / norm));
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += q[k][i] * eigenvalues[k] * q[k][j];
      a[i * n + j] = sum;
    }
  // Exact symmetry (rounding above can differ in the last bit).
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  return a;
}

describe('symmetricEigenvalues (ml-matrix)', () => {
  it('solves small cases by hand', () => {
    expect(Array.from(symmetricEigenvalues([2, 1, 1, 2], 2)).map((v) => +v.toFixed(12))).toEqual([3, 1]);
    expect(Array.from(symmetricEigenvalues([5, 0, 0, 0, -1, 0, 0, 0, 2], 3))).toEqual([5, 2, -1]);
    expect(Array.from(symmetricEigenvalues([7], 1))).toEqual([7]);
  });

  it('recovers the spectrum of a rotated diagonal matrix, repeated and negative values included', () => {
    const spectrum = [9, 4, 4, 1, 0.5, 0, 0, -2, 1e-6, 3];
    const eigenvalues = symmetricEigenvalues(withEigenvalues(spectrum, 1), spectrum.length);
    const sorted = [...spectrum].sort((a, b) => b - a);
    for (let i = 0; i < sorted.length; i++) expect(Math.abs(eigenvalues[i] - sorted[i])).toBeLessThan(1e-11);
  });

  it('handles a 64 x 64 random spectrum to float64 accuracy', () => {
    const random = createRandom(2);
    const spectrum = Array.from({ length: 64 }, () => random.normal() * 10);
    const eigenvalues = symmetricEigenvalues(withEigenvalues(spectrum, 3), 64);
    const sorted = [...spectrum].sort((a, b) => b - a);
    let worst = 0;
    for (let i = 0; i < 64; i++) worst = Math.max(worst, Math.abs(eigenvalues[i] - sorted[i]));
    expect(worst).toBeLessThan(1e-10);
  });

  it('rejects bad input', () => {
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow('symmetricEigenvalues: matrix must hold n * n = 4 numbers, got 3');
    expect(() => symmetricEigenvalues([1, 2, 3, 4], 2)).toThrow('symmetricEigenvalues: matrix must be symmetric');
    expect(() => symmetricEigenvalues([1, Number.NaN, Number.NaN, 1], 2)).toThrow('symmetricEigenvalues: matrix must be finite');
    expect(() => symmetricEigenvalues([], 0)).toThrow('symmetricEigenvalues: n must be an integer >= 1, got 0');
  });
});
