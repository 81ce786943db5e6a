import type { AssignmentMethod } from './nearest-centroid.js';

/** Defaults of `KMeans`, scikit-learn's where it has one. */
export const KMEANS_DEFAULTS = Object.freeze({
  /** k-means++ seeding (Arthur & Vassilvitskii 2007), as scikit-learn's KMeans. */
  init: 'k-means++' as 'k-means++' | 'random',
  /** Candidates per new center: 1 is the original k-means++ (scikit-learn's greedy variant uses 2 + log k). */
  candidatesPerCenter: 1,
  /** Lloyd iterations (or mini-batch steps) at most, as scikit-learn's KMeans. */
  maxIterations: 100,
  /** Stop when the squared centroid shift falls below tolerance x the data's mean per-dimension variance (scikit-learn's rule). */
  tolerance: 1e-4,
  /** Full-data Lloyd iterations, scikit-learn's KMeans algorithm. */
  algorithm: 'lloyd' as 'lloyd' | 'mini-batch',
  /** Points per mini-batch step (scikit-learn's MiniBatchKMeans default). */
  batchSize: 1024,
  /** Let `assignNearestCentroids` pick the exact method by size (see AssignmentMethod). */
  assignmentMethod: 'auto' as AssignmentMethod,
});

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
