import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { KMeans } from './k-means.js';
import { randomSeeding } from './k-means-seeding.js';

/** `perCluster` points around each of the given centers (Gaussian noise of `spread`). */
function around(centers: number[][], perCluster: number, spread: number, seed: number) {
  const random = createRandom(seed);
  const dimension = centers[0].length;
  const values = new Float32Array(centers.length * perCluster * dimension);
  const truth = new Int32Array(centers.length * perCluster);
  for (let i = 0; i < truth.length; i++) {
    truth[i] = i % centers.length;
    for (let d = 0; d < dimension; d++) values[i * dimension + d] = centers[truth[i]][d] + spread * random.normal();
  }
  return { values, count: truth.length, dimension, truth };
}

/** True when the two labelings are the same partition (equal up to renaming the clusters). */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((forward.get(a[i]) ?? b[i]) !== b[i] || (backward.get(b[i]) ?? a[i]) !== a[i]) return false;
    forward.set(a[i], b[i]);
    backward.set(b[i], a[i]);
  }
  return true;
}

const CENTERS = [
  [0, 0, 0],
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
  [10, 10, 10],
];

describe.each(TEST_BACKENDS)('KMeans on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(['lloyd', 'mini-batch'] as const)('%s recovers separable clusters', (algorithm) => {
    const data = around(CENTERS, 60, 0.5, 1);
    const kmeans = new KMeans({ clusters: 5, seed: 3, algorithm, batchSize: 64 }).fit(data.values, data.count, data.dimension);
    expect(samePartition(kmeans.labels, data.truth)).toBe(true);
    const centroids = kmeans.centroids;
    for (let k = 0; k < 5; k++) {
      const cluster = kmeans.labels[data.truth.indexOf(k)];
      const row = Array.from(centroids.subarray(3 * cluster, 3 * cluster + 3));
      expect(Math.hypot(...row.map((v, d) => v - CENTERS[k][d]))).toBeLessThan(0.3);
    }
    expect(kmeans.iterations).toBeGreaterThan(0);
    expect(Array.from(kmeans.predict(data.values, data.count, data.dimension))).toEqual(Array.from(kmeans.labels));
  });

  it('reports the inertia of a hand-computable case', () => {
    // Two pairs on a line: {0, 2} and {10, 14}; centroids 1 and 12; inertia 1 + 1 + 4 + 4 = 10.
    const points = Float32Array.from([0, 2, 10, 14]);
    const kmeans = new KMeans({ clusters: 2, seed: 0 }).fit(points, 4, 1);
    expect(Array.from(kmeans.centroids).sort((a, b) => a - b)).toEqual([1, 12]);
    expect(kmeans.inertia).toBe(10);
    expect(kmeans.labels[0]).toBe(kmeans.labels[1]);
    expect(kmeans.labels[2]).toBe(kmeans.labels[3]);
    expect(kmeans.labels[0]).not.toBe(kmeans.labels[2]);
    expect(Array.from(kmeans.predict(Float32Array.from([-5, 100]), 2, 1))).toEqual([kmeans.labels[0], kmeans.labels[2]]);
  });

  it('is deterministic under a seed and accepts tensors and feature matrices', () => {
    const data = around(CENTERS, 30, 3, 2);
    const options = { clusters: 7, seed: 11, init: 'random' as const };
    const first = new KMeans(options).fit(data.values, data.count, data.dimension);
    const second = new KMeans(options).fit({ values: data.values, count: data.count, dimension: data.dimension });
    const tensor = tf.tensor2d(data.values, [data.count, data.dimension]);
    const third = new KMeans(options).fit(tensor);
    tensor.dispose();
    expect(Array.from(second.centroids)).toEqual(Array.from(first.centroids));
    expect(Array.from(third.centroids)).toEqual(Array.from(first.centroids));
    expect(second.inertia).toBe(first.inertia);
    const other = new KMeans({ ...options, seed: 12 }).fit(data.values, data.count, data.dimension);
    expect(Array.from(other.centroids)).not.toEqual(Array.from(first.centroids));
  });

  it('re-seeds empty clusters from the farthest points', () => {
    // Random init on [0, 0, 0, 0, 5, 9] can pick three of the zeros: then every point goes
    // to the first centroid, and the two empty clusters move to the farthest points, 9 and 5.
    const points = Float32Array.from([0, 0, 0, 0, 5, 9]);
    let seed = 0;
    while (Array.from(randomSeeding(points, 6, 1, 3, createRandom(seed))).some((v) => v !== 0)) seed++;
    const oneStep = new KMeans({ clusters: 3, seed, init: 'random', maxIterations: 1 }).fit(points, 6, 1);
    expect(Array.from(oneStep.centroids)).toEqual([0, 9, 5]);
    expect(oneStep.inertia).toBe(0);
    const fitted = new KMeans({ clusters: 3, seed }).fit(points, 6, 1);
    expect(Array.from(fitted.centroids).sort((a, b) => a - b)).toEqual([0, 5, 9]);
  });

  it('round-trips its state through JSON, random state included', () => {
    const data = around(CENTERS, 40, 1, 3);
    const kmeans = new KMeans({
      clusters: 5,
      seed: 5,
      algorithm: 'mini-batch',
      batchSize: 32,
      maxIterations: 5,
      tolerance: 0,
    });
    kmeans.fit(data.values, data.count, data.dimension);
    const restored = new KMeans({ clusters: 5, algorithm: 'mini-batch', batchSize: 32 });
    restored.setState(JSON.parse(JSON.stringify(kmeans.getState())));
    expect(Array.from(restored.centroids)).toEqual(Array.from(kmeans.centroids));
    expect(Array.from(restored.predict(data.values, data.count, data.dimension))).toEqual(Array.from(kmeans.labels));
    expect(restored.getState()).toEqual(kmeans.getState());
    // Both continue identically: same counts, same generator.
    const batch = data.values.subarray(0, 50 * data.dimension);
    kmeans.partialFit(batch, 50, data.dimension);
    restored.partialFit(batch, 50, data.dimension);
    expect(Array.from(restored.centroids)).toEqual(Array.from(kmeans.centroids));
    expect(restored.iterations).toBe(6);
  });

  it('partialFit initialises from the first batch and learns from a stream', () => {
    const data = around(CENTERS, 80, 0.5, 4);
    const kmeans = new KMeans({ clusters: 5, seed: 1 });
    for (let start = 0; start < data.count; start += 100) {
      const rows = Math.min(100, data.count - start);
      kmeans.partialFit(data.values.subarray(start * 3, (start + rows) * 3), rows, 3);
    }
    expect(kmeans.iterations).toBe(4);
    expect(samePartition(kmeans.predict(data.values, data.count, 3), data.truth)).toBe(true);
  });

  it('rejects bad options and input with clear errors', () => {
    expect(() => new KMeans({ clusters: 0 })).toThrow('KMeans: clusters must be an integer >= 1, got 0');
    expect(() => new KMeans({ clusters: 2, init: 'kmeans' as 'random' })).toThrow("KMeans: init must be 'k-means++' or 'random', got kmeans");
    expect(() => new KMeans({ clusters: 2, algorithm: 'elkan' as 'lloyd' })).toThrow('KMeans: algorithm must be');
    expect(() => new KMeans({ clusters: 2, maxIterations: 0 })).toThrow('KMeans: maxIterations must be an integer >= 1, got 0');
    expect(() => new KMeans({ clusters: 2, tolerance: -1 })).toThrow('KMeans: tolerance must be a finite number >= 0, got -1');
    const kmeans = new KMeans({ clusters: 3 });
    expect(() => kmeans.centroids).toThrow('KMeans.centroids: the model is not fitted; call fit() or setState() first');
    expect(() => kmeans.predict(new Float32Array(2), 1, 2)).toThrow('KMeans.predict: the model is not fitted');
    expect(() => kmeans.fit(new Float32Array(4), 2, 2)).toThrow('KMeans.fit: points must have at least clusters = 3 rows, got 2');
    expect(() => kmeans.fit(new Float32Array(4))).toThrow('KMeans.fit: with a Float32Array of points, pass count and dimension too');
    expect(() => kmeans.fit(new Float32Array(5), 3, 2)).toThrow('KMeans.fit: points.values must hold count * dimension = 3 * 2 = 6 numbers, got 5');
    kmeans.fit(new Float32Array(8), 4, 2);
    expect(() => kmeans.predict(new Float32Array(3), 1, 3)).toThrow('KMeans.predict: points must have dimension 2 (as the centroids), got 3');
    expect(() => kmeans.setState({ ...kmeans.getState(), clusters: 4 })).toThrow('KMeans.setState: state.clusters must be 3, got 4');
  });
});
