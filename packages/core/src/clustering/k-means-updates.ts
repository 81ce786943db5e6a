import type { FeatureMatrix } from '../evaluation/feature-matrix.js';
import { type AssignmentMethod, assignNearestCentroids } from './nearest-centroid.js';

/**
 * One Lloyd iteration: assign every point to its nearest centroid, then move each
 * centroid to the mean of its points (float64 sums).
 *
 * A cluster left empty is re-seeded at the point farthest from its own centroid (then the
 * next farthest, and so on), taking points only from clusters that keep at least one
 * point; the point leaves its old cluster's mean. This is scikit-learn's relocation rule.
 *
 * Reference: Lloyd 1982, "Least squares quantization in PCM".
 *
 * @param data [N, D] points.
 * @param centroids [K * D] current centroids (not modified).
 * @returns [K * D] the new centroids.
 *
 * @example
 * const next = lloydUpdate({ values, count, dimension }, centroids, 100);
 */
export function lloydUpdate(data: FeatureMatrix, centroids: Float32Array, clusters: number, method: AssignmentMethod = 'auto'): Float32Array {
  const { values, count, dimension } = data;
  const { labels, distances } = assignNearestCentroids(values, count, dimension, centroids, clusters, method);
  const sums = new Float64Array(clusters * dimension);
  const members = new Int32Array(clusters);
  for (let i = 0; i < count; i++) {
    const cluster = labels[i];
    members[cluster]++;
    for (let d = 0; d < dimension; d++) sums[cluster * dimension + d] += values[i * dimension + d];
  }
  if (members.includes(0)) {
    // Farthest points first; each moves out of its cluster into an empty one.
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => distances[b] - distances[a]);
    let next = 0;
    for (let cluster = 0; cluster < clusters; cluster++) {
      if (members[cluster] !== 0) continue;
      while (next < count && members[labels[order[next]]] <= 1) next++;
      if (next === count) break;
      const point = order[next++];
      const previous = labels[point];
      members[previous]--;
      members[cluster] = 1;
      for (let d = 0; d < dimension; d++) {
        const value = values[point * dimension + d];
        sums[previous * dimension + d] -= value;
        sums[cluster * dimension + d] = value;
      }
      labels[point] = cluster;
    }
  }
  const next = new Float32Array(clusters * dimension);
  for (let cluster = 0; cluster < clusters; cluster++) {
    for (let d = 0; d < dimension; d++) {
      const index = cluster * dimension + d;
      next[index] = members[cluster] > 0 ? sums[index] / members[cluster] : centroids[index];
    }
  }
  return next;
}

/**
 * One mini-batch k-means update: assign the batch to the nearest centroids, then move
 * each centroid that received points to the running mean of everything it has absorbed,
 * c ← (c · n + Σ batch points) / (n + m), with n its count so far and m its batch points
 * (a per-centroid learning rate of 1 / count). Centroids that receive no point stay.
 *
 * Reference: Sculley 2010, "Web-Scale K-Means Clustering".
 *
 * @param batch [B, D] points.
 * @param centroids [K * D] current centroids (not modified).
 * @param counts [K] points absorbed so far per centroid: updated in place.
 * @returns [K * D] the new centroids.
 *
 * @example
 * const counts = new Float64Array(100);
 * centroids = miniBatchUpdate({ values: batch, count: 1024, dimension: 39 }, centroids, counts);
 */
export function miniBatchUpdate(
  batch: FeatureMatrix,
  centroids: Float32Array,
  counts: Float64Array,
  method: AssignmentMethod = 'auto',
): Float32Array {
  const { values, count, dimension } = batch;
  const clusters = counts.length;
  const { labels } = assignNearestCentroids(values, count, dimension, centroids, clusters, method);
  const sums = new Float64Array(clusters * dimension);
  const members = new Float64Array(clusters);
  for (let i = 0; i < count; i++) {
    members[labels[i]]++;
    for (let d = 0; d < dimension; d++) sums[labels[i] * dimension + d] += values[i * dimension + d];
  }
  const next = centroids.slice();
  for (let cluster = 0; cluster < clusters; cluster++) {
    if (members[cluster] === 0) continue;
    const previous = counts[cluster];
    const total = previous + members[cluster];
    for (let d = 0; d < dimension; d++) {
      const index = cluster * dimension + d;
      next[index] = (centroids[index] * previous + sums[index]) / total;
    }
    counts[cluster] = total;
  }
  return next;
}
