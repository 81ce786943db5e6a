import { describe, expect, it } from 'vitest';
import { lloydUpdate, miniBatchUpdate } from './k-means-updates.js';

describe('k-means update steps', () => {
  it('lloydUpdate moves centroids to the means of their points', () => {
    // Points 0, 2 | 10, 14 with centroids at 0 and 13: means 1 and 12.
    const data = { values: Float32Array.from([0, 2, 10, 14]), count: 4, dimension: 1 };
    expect(Array.from(lloydUpdate(data, Float32Array.from([0, 13]), 2, 'loop'))).toEqual([1, 12]);
  });

  it('lloydUpdate re-seeds an empty cluster at the farthest point, which leaves its old cluster', () => {
    // 0, 1 and 9 all go to centroid 0 (at 0); centroid 1 (at 100) is empty and takes 9, the farthest.
    const data = { values: Float32Array.from([0, 1, 9]), count: 3, dimension: 1 };
    expect(Array.from(lloydUpdate(data, Float32Array.from([0, 100]), 2, 'loop'))).toEqual([0.5, 9]);
  });

  it('miniBatchUpdate keeps running means and updates the counts in place', () => {
    const centroids = Float32Array.from([0, 10]);
    const counts = Float64Array.from([1, 0]);
    const batch = { values: Float32Array.from([2, 4, 11]), count: 3, dimension: 1 };
    // Cluster 0: (0 * 1 + 2 + 4) / 3 = 2; cluster 1 had no points before: (11) / 1 = 11.
    expect(Array.from(miniBatchUpdate(batch, centroids, counts, 'loop'))).toEqual([2, 11]);
    expect(Array.from(counts)).toEqual([3, 1]);
    expect(Array.from(centroids)).toEqual([0, 10]);
  });
});
