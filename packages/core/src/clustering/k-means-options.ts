import type { AssignmentMethod } from './nearest-centroid.js';

/** Lloyd iterations (or mini-batch steps) at most, as scikit-learn's KMeans. */
export const KMEANS_DEFAULT_MAX_ITERATIONS = 100;
/** Stop when the squared centroid shift falls below tolerance x the data's mean per-dimension variance (scikit-learn's rule). */
export const KMEANS_DEFAULT_TOLERANCE = 1e-4;
/** Points per mini-batch step (scikit-learn's MiniBatchKMeans default). */
export const KMEANS_DEFAULT_BATCH_SIZE = 1024;

export interface KMeansOptions {
  /** k, the number of clusters. */
  clusters: number;
  /** Seeds the initialisation and the mini-batch sampling. Default 0. */
  seed?: number;
  /** Initial centroids: k-means++ (default) or `clusters` distinct random points. */
  init?: 'k-means++' | 'random';
  /** Greedy k-means++: candidates per new center (default 1, the original algorithm). */
  candidatesPerCenter?: number;
  /** Lloyd iterations, or mini-batch steps. Default 100. */
  maxIterations?: number;
  /** Relative convergence tolerance on the centroid shift. Default 1e-4. */
  tolerance?: number;
  /** Full-data Lloyd iterations (default) or mini-batch updates (Sculley 2010). */
  algorithm?: 'lloyd' | 'mini-batch';
  /** Points per mini-batch step. Default 1024. */
  batchSize?: number;
  /** How points find their nearest centroid (see AssignmentMethod). Default 'auto'. */
  assignmentMethod?: AssignmentMethod;
}

/** Everything needed to resume a KMeans in a checkpoint; plain JSON. */
export interface KMeansState {
  clusters: number;
  dimension: number;
  /** [clusters * dimension] row-major. */
  centroids: number[];
  /** Points each centroid has absorbed in mini-batch updates (zeros after Lloyd). */
  clusterCounts: number[];
  /** State of the seeded generator (see SeededRandom.getState). */
  randomState: number;
  iterations: number;
  inertia: number;
}
