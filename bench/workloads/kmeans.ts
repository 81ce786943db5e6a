// The `kmeans` workload of bench/torch_reference.py: k-means++ seeding then 20
// Lloyd iterations (no early stop) of 20,000 x 39 standard-normal points into 100 clusters.
import { KMeans, createRandom } from '@selfsup/core';
import type { Workload } from './workload.js';

export function kmeans(): Workload {
  const [count, dimension, iterations] = [20_000, 39, 20];
  const random = createRandom(0);
  const points = Float32Array.from({ length: count * dimension }, () => random.normal());
  return {
    name: 'kmeans',
    unit: 'point-iterations/s',
    itemsPerStep: count * iterations,
    step: () => {
      new KMeans({ clusters: 100, seed: 0, maxIterations: iterations, tolerance: 0 }).fit(points, count, dimension);
    },
    dispose: () => {},
  };
}
