/**
 * The indices of at most `maxPoints` evenly spaced elements of a sequence of `length`,
 * always with the first and the last, in increasing order: how a long curve is thinned
 * so that the report stays small and draws fast.
 *
 * @param length The number of elements, >= 0.
 * @param maxPoints The most indices to keep, an integer >= 2.
 * @returns Every index when `length <= maxPoints`, otherwise `maxPoints` of them.
 *
 * @example
 * downsampleIndices(10, 4); // [0, 3, 6, 9]
 * downsampleIndices(3, 2000); // [0, 1, 2]
 */
export function downsampleIndices(length: number, maxPoints: number): number[] {
  if (!Number.isInteger(length) || length < 0) throw new Error(`downsampleIndices: length must be an integer >= 0, got ${length}`);
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new Error(`downsampleIndices: maxPoints must be an integer >= 2, got ${maxPoints}`);
  if (length <= maxPoints) return Array.from({ length }, (_, index) => index);
  const stride = (length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, index) => Math.round(index * stride));
}
