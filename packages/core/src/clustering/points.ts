import * as tf from '../tf.js';
import { type FeatureMatrix, readFeatures } from '../evaluation/feature-matrix.js';

/** Points for k-means: a Float32Array (with count and dimension), a FeatureMatrix or a tf.Tensor2D [N, D]. */
export type Points = Float32Array | FeatureMatrix | tf.Tensor2D;

/** Reads points given as Float32Array + count + dimension, a FeatureMatrix or a tf.Tensor2D. */
export function readPoints(fn: string, points: Points, count?: number, dimension?: number): FeatureMatrix {
  if (points instanceof Float32Array) {
    if (count === undefined || dimension === undefined) {
      throw new Error(`${fn}: with a Float32Array of points, pass count and dimension too`);
    }
    return readFeatures(fn, 'points', { values: points, count, dimension });
  }
  if (points instanceof tf.Tensor || (points !== null && typeof points === 'object' && 'values' in points)) {
    return readFeatures(fn, 'points', points);
  }
  throw new Error(`${fn}: points must be a Float32Array (with count and dimension), a FeatureMatrix or a tf.Tensor2D`);
}

/** Mean over dimensions of the population variance of each dimension (float64). */
export function meanVariance({ values, count, dimension }: FeatureMatrix): number {
  const sums = new Float64Array(dimension);
  const squares = new Float64Array(dimension);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dimension; d++) {
      const value = values[i * dimension + d];
      sums[d] += value;
      squares[d] += value * value;
    }
  }
  let total = 0;
  for (let d = 0; d < dimension; d++) {
    const mean = sums[d] / count;
    total += Math.max(0, squares[d] / count - mean * mean);
  }
  return total / dimension;
}

/** Sum of squared differences between two centroid sets (how far Lloyd moved them). */
export function squaredShift(before: Float32Array, after: Float32Array): number {
  let total = 0;
  for (let i = 0; i < before.length; i++) total += (after[i] - before[i]) ** 2;
  return total;
}
