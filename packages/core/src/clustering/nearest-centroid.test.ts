import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { assignNearestCentroids, squaredDistance } from './nearest-centroid.js';

/** Brute force in float64: index and distance of the nearest centroid (ties: lowest index). */
function bruteForce(points: Float32Array, count: number, dimension: number, centroids: Float32Array, clusters: number) {
  const labels: number[] = [];
  const distances: number[] = [];
  for (let i = 0; i < count; i++) {
    let best = Number.POSITIVE_INFINITY;
    let label = 0;
    for (let k = 0; k < clusters; k++) {
      let sum = 0;
      for (let d = 0; d < dimension; d++) sum += (points[i * dimension + d] - centroids[k * dimension + d]) ** 2;
      if (sum < best) {
        best = sum;
        label = k;
      }
    }
    labels.push(label);
    distances.push(best);
  }
  return { labels, distances };
}

describe.each(TEST_BACKENDS)('assignNearestCentroids on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(['loop', 'tensor', 'auto'] as const)('%s matches brute force (odd dimension, several blocks)', (method) => {
    const count = 300;
    const dimension = 7;
    const clusters = 11;
    const points = randomNormalArray(count * dimension, { seed: 1 });
    const centroids = randomNormalArray(clusters * dimension, { seed: 2 });
    const expected = bruteForce(points, count, dimension, centroids, clusters);
    const before = tf.memory().numTensors;
    const result = assignNearestCentroids(points, count, dimension, centroids, clusters, method);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(result.labels)).toEqual(expected.labels);
    for (let i = 0; i < count; i++) expect(Math.abs(result.distances[i] - expected.distances[i])).toBeLessThan(1e-12);
  });

  it('computes squared distances between rows', () => {
    const a = Float32Array.from([0, 0, 1, 2, 3]);
    const b = Float32Array.from([4, 6, 3]);
    expect(squaredDistance(a, 2, b, 0, 3)).toBe(9 + 16 + 0);
  });
});
