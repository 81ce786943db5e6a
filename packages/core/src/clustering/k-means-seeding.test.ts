import { describe, expect, it } from 'vitest';
import { createRandom } from '../testing/index.js';
import { kMeansPlusPlusSeeding, randomSeeding } from './k-means-seeding.js';

/**
 * Six tight clusters of very different sizes (200 down to 3 points), 100 apart on a
 * line: random seeding oversamples the big clusters, k-means++ does not.
 */
function unevenClusters(seed: number) {
  const sizes = [200, 100, 40, 10, 5, 3];
  const random = createRandom(seed);
  const values: number[] = [];
  const labels: number[] = [];
  sizes.forEach((size, cluster) => {
    for (let i = 0; i < size; i++) {
      values.push(cluster * 100 + random.normal() * 0.5, random.normal() * 0.5);
      labels.push(cluster);
    }
  });
  return { points: Float32Array.from(values), count: labels.length, clusters: sizes.length };
}

/** Number of distinct true clusters the seeds fall in (cluster c occupies x in [100c - 5, 100c + 5]). */
function clustersCovered(centroids: Float32Array, clusters: number): number {
  const covered = new Set<number>();
  for (let k = 0; k < clusters; k++) covered.add(Math.round(centroids[2 * k] / 100));
  return covered.size;
}

describe('k-means seeding', () => {
  it('k-means++ puts one seed in every well-separated cluster far more often than random seeding', () => {
    const { points, count, clusters } = unevenClusters(1);
    const random = createRandom(42);
    let plusPlus = 0;
    let uniform = 0;
    const trials = 50;
    for (let trial = 0; trial < trials; trial++) {
      if (clustersCovered(kMeansPlusPlusSeeding(points, count, 2, clusters, random), clusters) === clusters) plusPlus++;
      if (clustersCovered(randomSeeding(points, count, 2, clusters, random), clusters) === clusters) uniform++;
    }
    // With gaps of 100 and spreads of 0.5, D² sampling almost never picks a covered cluster twice;
    // uniform sampling of 6 of 358 points covers all six clusters with probability ~ 1e-4.
    expect(plusPlus).toBeGreaterThanOrEqual(48);
    expect(uniform).toBeLessThanOrEqual(2);
  });

  it('greedy k-means++ covers every cluster too, and seeds are data points', () => {
    const { points, count, clusters } = unevenClusters(2);
    const centroids = kMeansPlusPlusSeeding(points, count, 2, clusters, createRandom(3), { candidatesPerCenter: 3 });
    expect(clustersCovered(centroids, clusters)).toBe(clusters);
    for (let k = 0; k < clusters; k++) {
      const isPoint = Array.from({ length: count }, (_, i) => i).some(
        (i) => points[2 * i] === centroids[2 * k] && points[2 * i + 1] === centroids[2 * k + 1],
      );
      expect(isPoint).toBe(true);
    }
  });

  it('is deterministic under a seed; random seeding picks distinct points', () => {
    const { points, count } = unevenClusters(3);
    expect(Array.from(kMeansPlusPlusSeeding(points, count, 2, 5, createRandom(7)))).toEqual(
      Array.from(kMeansPlusPlusSeeding(points, count, 2, 5, createRandom(7))),
    );
    const all = randomSeeding(points, count, 2, count, createRandom(1));
    const rows = new Set(Array.from({ length: count }, (_, k) => `${all[2 * k]},${all[2 * k + 1]}`));
    expect(rows.size).toBe(count);
  });

  it('falls back to uniform draws when every point coincides with a seed', () => {
    const points = Float32Array.from([1, 1, 1, 1, 1, 1]);
    const centroids = kMeansPlusPlusSeeding(points, 3, 2, 3, createRandom(0));
    expect(Array.from(centroids)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(() => kMeansPlusPlusSeeding(points, 3, 2, 2, createRandom(0), { candidatesPerCenter: 0 })).toThrow(
      'kMeansPlusPlusSeeding: candidatesPerCenter must be an integer >= 1, got 0',
    );
  });
});
