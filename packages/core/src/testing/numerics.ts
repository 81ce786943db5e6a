/**
 * Central finite differences of a float64 function: the reference every analytic
 * gradient is checked against. Differentiating a naive float64 implementation keeps
 * the reference both independent of tfjs and accurate to ~1e-8.
 *
 * @example
 * const grad = finiteDifferenceGradient((v) => v[0] ** 2 + 3 * v[1], Float64Array.from([1, 2]));
 * // ≈ [2, 3]
 */
export function finiteDifferenceGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, step = 1e-6): Float64Array {
  const point = Float64Array.from(x);
  const gradient = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) {
    const original = point[i];
    point[i] = original + step;
    const up = f(point);
    point[i] = original - step;
    const down = f(point);
    point[i] = original;
    gradient[i] = (up - down) / (2 * step);
  }
  return gradient;
}

/** max_i |actual_i - expected_i| */
export function maxAbsoluteError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`maxAbsoluteError: lengths differ (${actual.length} vs ${expected.length})`);
  }
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}

/**
 * max_i |actual_i - expected_i| / max(|expected|_inf, floor): the error relative to the
 * largest reference value, so entries that are nearly zero do not blow it up.
 */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-6): number {
  let scale = floor;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  return maxAbsoluteError(actual, expected) / scale;
}
