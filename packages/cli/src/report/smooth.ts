/** A curve is averaged over about this fraction of its length. */
const WINDOW_FRACTION = 1 / 40;

/**
 * The half-width of the smoothing window for a curve of `count` points: a window of about
 * 1/40 of the curve (7 points of 300, 75 of 3,000), and at least 3 points.
 *
 * @example
 * smoothingHalfWindowFor(3000); // 37 (a window of 75 points)
 * smoothingHalfWindowFor(10); // 1 (a window of 3 points)
 */
export function smoothingHalfWindowFor(count: number): number {
  return Math.max(1, Math.round((count * WINDOW_FRACTION - 1) / 2));
}

/**
 * Centered moving average of a noisy curve: each point becomes the mean of the non-null
 * values within `halfWindow` points on either side (fewer at the ends). Unlike an
 * exponential moving average it does not lag behind a falling loss. Nulls (non-finite
 * values) stay null and are left out of their neighbours' averages.
 *
 * @param values Shape: (N). The curve, with null for a missing or non-finite value.
 * @param halfWindow An integer >= 0. Default: `smoothingHalfWindowFor(values.length)`.
 * @returns Shape: (N). The smoothed curve.
 *
 * @example
 * smoothCurve([1, 2, 6, 3], 1); // [1.5, 3, 3.667, 4.5] (rounded)
 */
export function smoothCurve(values: readonly (number | null)[], halfWindow = smoothingHalfWindowFor(values.length)): (number | null)[] {
  if (!Number.isInteger(halfWindow) || halfWindow < 0) throw new Error(`smoothCurve: halfWindow must be an integer >= 0, got ${halfWindow}`);
  const count = values.length;
  const sums = new Float64Array(count + 1); // prefix sums of the finite values
  const counts = new Float64Array(count + 1); // prefix counts of the finite values
  for (let i = 0; i < count; i++) {
    const value = values[i];
    const finite = value !== null && Number.isFinite(value);
    sums[i + 1] = sums[i] + (finite ? value : 0);
    counts[i + 1] = counts[i] + (finite ? 1 : 0);
  }
  return values.map((value, i) => {
    if (value === null || !Number.isFinite(value)) return null;
    const start = Math.max(0, i - halfWindow);
    const end = Math.min(count, i + halfWindow + 1);
    return (sums[end] - sums[start]) / (counts[end] - counts[start]);
  });
}
