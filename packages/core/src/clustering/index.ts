// Clustering: seeded k-means (Lloyd and mini-batch) with checkpointable state.
export {
  KMEANS_DEFAULTS,
  KMeans,
  type KMeansOptions,
  type KMeansState,
  type Points,
} from './k-means.js';
export { type KMeansPlusPlusOptions, kMeansPlusPlusSeeding, randomSeeding } from './k-means-seeding.js';
export {
  type AssignmentMethod,
  assignNearestCentroids,
  type NearestCentroids,
  squaredDistance,
} from './nearest-centroid.js';
export { lloydUpdate, miniBatchUpdate } from './k-means-updates.js';
