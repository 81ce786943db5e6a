import type { FeatureMatrix } from '../evaluation/feature-matrix.js';
import { createRandom, type SeededRandom } from '../random/seeded-random.js';
import { assertFiniteNumber, assertInteger, assertOneOf } from '../validation/index.js';
import { kMeansPlusPlusSeeding, randomSeeding } from './k-means-seeding.js';
import { lloydUpdate, miniBatchUpdate } from './k-means-updates.js';
import { meanVariance, type Points, readPoints, squaredShift } from './points.js';
import { assignNearestCentroids } from './nearest-centroid.js';
import { KMEANS_DEFAULTS, type KMeansOptions, type KMeansState } from './k-means-options.js';

export { KMEANS_DEFAULTS, type KMeansOptions, type KMeansState } from './k-means-options.js';
export type { Points } from './points.js';

/**
 * k-means clustering with a seeded k-means++ initialisation, Lloyd or mini-batch
 * updates, and checkpointable state (centroids, counts and the generator's state).
 *
 * Lloyd (`lloydUpdate`): assign every point to its nearest centroid, move each centroid
 * to the mean of its points, re-seed empty clusters at the farthest points; repeat until
 * the summed squared shift of the centroids is at most `tolerance` x the mean
 * per-dimension variance of the data, or `maxIterations`. Mini-batch (`miniBatchUpdate`):
 * each step draws `batchSize` points with replacement and moves each centroid to the
 * running mean of the points it has absorbed.
 *
 * After fitting, `labels` and `inertia` (sum of squared distances of the points to their
 * nearest centroid, in float64) describe the fitted points under the final centroids,
 * exactly as `predict` would assign them.
 *
 * Reference: Lloyd 1982; Arthur & Vassilvitskii 2007 (k-means++); Sculley 2010,
 * "Web-Scale K-Means Clustering" (mini-batch). HuBERT's first-iteration targets are
 * k-means (k = 100) of 39-d MFCC frames.
 *
 * @example
 * const kmeans = new KMeans({ clusters: 100, seed: 0 });
 * kmeans.fit(mfccFrames, frameCount, 39);   // Float32Array [frameCount * 39]
 * const targets = kmeans.predict(otherFrames, otherCount, 39); // Int32Array
 * const checkpoint = JSON.stringify(kmeans.getState());
 */
export class KMeans {
  readonly clusters: number;
  private readonly options: Required<Omit<KMeansOptions, 'clusters' | 'seed'>>;
  private readonly random: SeededRandom;
  private fitted: Float32Array | null = null;
  private dimension = 0;
  private counts = new Float64Array(0);
  /** Lloyd iterations (or mini-batch steps) the last fit ran; partialFit adds one per call. */
  iterations = 0;
  /** Sum of squared distances of the last fitted points to their nearest centroid (NaN before fitting). */
  inertia = Number.NaN;
  /** Nearest centroid of each point of the last fit (empty before fitting). */
  labels: Int32Array = new Int32Array(0);

  constructor(options: KMeansOptions) {
    const fn = 'KMeans';
    if (options === null || typeof options !== 'object') throw new Error(`${fn}: expected an options object {clusters, ...}`);
    const { clusters } = options;
    assertInteger(fn, 'clusters', clusters, 1);
    this.clusters = clusters;
    this.options = {
      init: options.init ?? KMEANS_DEFAULTS.init,
      candidatesPerCenter: options.candidatesPerCenter ?? KMEANS_DEFAULTS.candidatesPerCenter,
      maxIterations: options.maxIterations ?? KMEANS_DEFAULTS.maxIterations,
      tolerance: options.tolerance ?? KMEANS_DEFAULTS.tolerance,
      algorithm: options.algorithm ?? KMEANS_DEFAULTS.algorithm,
      batchSize: options.batchSize ?? KMEANS_DEFAULTS.batchSize,
      assignmentMethod: options.assignmentMethod ?? KMEANS_DEFAULTS.assignmentMethod,
    };
    const o = this.options;
    assertOneOf(fn, 'init', o.init, ['k-means++', 'random']);
    assertOneOf(fn, 'algorithm', o.algorithm, ['lloyd', 'mini-batch']);
    assertOneOf(fn, 'assignmentMethod', o.assignmentMethod, ['auto', 'loop', 'tensor']);
    assertInteger(fn, 'maxIterations', o.maxIterations, 1);
    assertInteger(fn, 'batchSize', o.batchSize, 1);
    assertInteger(fn, 'candidatesPerCenter', o.candidatesPerCenter, 1);
    assertFiniteNumber(fn, 'tolerance', o.tolerance, { min: 0 });
    this.random = createRandom(options.seed ?? 0);
  }

  /** [clusters * dimension] row-major centroids (a copy). Throws before fitting. */
  get centroids(): Float32Array {
    return this.requireFitted('centroids').slice();
  }

  /**
   * Fits the centroids to `points` from a fresh initialisation (the generator continues
   * from its current state, so a second fit draws different seeds).
   *
   * @param points [count, dimension]: a Float32Array (then pass count and dimension), a FeatureMatrix or a float32 tf.Tensor2D (read, not disposed).
   * @returns this
   *
   * @example
   * const kmeans = new KMeans({ clusters: 3, seed: 1 }).fit(points, 300, 2);
   * console.log(kmeans.inertia, kmeans.iterations);
   */
  fit(points: Points, count?: number, dimension?: number): this {
    const data = readPoints('KMeans.fit', points, count, dimension);
    if (data.count < this.clusters) {
      throw new Error(`KMeans.fit: points must have at least clusters = ${this.clusters} rows, got ${data.count}`);
    }
    this.dimension = data.dimension;
    let centroids = this.seed(data);
    this.counts = new Float64Array(this.clusters);
    const threshold = this.options.tolerance * meanVariance(data);
    this.iterations = 0;
    for (let iteration = 0; iteration < this.options.maxIterations; iteration++) {
      const next =
        this.options.algorithm === 'lloyd'
          ? lloydUpdate(data, centroids, this.clusters, this.options.assignmentMethod)
          : this.miniBatchStep(data, centroids, this.sample(data));
      this.iterations++;
      const shift = squaredShift(centroids, next);
      centroids = next;
      if (shift <= threshold) break;
    }
    this.fitted = centroids;
    this.describe(data, centroids);
    return this;
  }

  /**
   * One mini-batch update with `points` as the batch (initialising the centroids from
   * them on the first call): for streaming data that does not fit in memory at once.
   * `labels` and `inertia` then describe this batch under the updated centroids.
   *
   * @example
   * const kmeans = new KMeans({ clusters: 100, seed: 0 });
   * for await (const frames of mfccBatches) kmeans.partialFit(frames, frames.length / 39, 39);
   */
  partialFit(points: Points, count?: number, dimension?: number): this {
    const data = readPoints('KMeans.partialFit', points, count, dimension);
    if (this.fitted === null) {
      if (data.count < this.clusters) {
        throw new Error(`KMeans.partialFit: the first batch must have at least clusters = ${this.clusters} rows, got ${data.count}`);
      }
      this.dimension = data.dimension;
      this.fitted = this.seed(data);
      this.counts = new Float64Array(this.clusters);
      this.iterations = 0;
    } else {
      this.checkDimension('KMeans.partialFit', data.dimension);
    }
    this.fitted = miniBatchUpdate(data, this.fitted, this.counts, this.options.assignmentMethod);
    this.iterations++;
    this.describe(data, this.fitted);
    return this;
  }

  /**
   * The nearest centroid of each point.
   *
   * @example
   * const labels = kmeans.predict(points, count, 39); // Int32Array [count]
   */
  predict(points: Points, count?: number, dimension?: number): Int32Array {
    const centroids = this.requireFitted('predict');
    const data = readPoints('KMeans.predict', points, count, dimension);
    this.checkDimension('KMeans.predict', data.dimension);
    return this.assign(data, centroids).labels;
  }

  /**
   * The state to store in a checkpoint (plain JSON): centroids, mini-batch counts,
   * the generator's state, iterations and inertia.
   *
   * @example
   * const restored = new KMeans({ clusters: 100 });
   * restored.setState(JSON.parse(JSON.stringify(kmeans.getState())));
   */
  getState(): KMeansState {
    const centroids = this.requireFitted('getState');
    return {
      clusters: this.clusters,
      dimension: this.dimension,
      centroids: Array.from(centroids),
      clusterCounts: Array.from(this.counts),
      randomState: this.random.getState(),
      iterations: this.iterations,
      inertia: this.inertia,
    };
  }

  /**
   * Restores a state from getState (same number of clusters).
   *
   * @example
   * kmeans.setState(savedState);
   * const labels = kmeans.predict(frames, count, 39);
   */
  setState(state: KMeansState): void {
    const fn = 'KMeans.setState';
    if (state === null || typeof state !== 'object') throw new Error(`${fn}: state must be an object from getState()`);
    if (state.clusters !== this.clusters) throw new Error(`${fn}: state.clusters must be ${this.clusters}, got ${state.clusters}`);
    assertInteger(fn, 'state.dimension', state.dimension, 1);
    if (!Array.isArray(state.centroids) || state.centroids.length !== this.clusters * state.dimension) {
      throw new Error(`${fn}: state.centroids must hold clusters * dimension = ${this.clusters * state.dimension} numbers`);
    }
    const counts = state.clusterCounts ?? new Array(this.clusters).fill(0);
    if (!Array.isArray(counts) || counts.length !== this.clusters) throw new Error(`${fn}: state.clusterCounts must hold ${this.clusters} numbers`);
    this.dimension = state.dimension;
    this.fitted = Float32Array.from(state.centroids);
    this.counts = Float64Array.from(counts);
    this.random.setState(state.randomState);
    this.iterations = state.iterations ?? 0;
    this.inertia = state.inertia ?? Number.NaN;
    this.labels = new Int32Array(0);
  }

  private seed(data: FeatureMatrix): Float32Array {
    const { values, count, dimension } = data;
    return this.options.init === 'random'
      ? randomSeeding(values, count, dimension, this.clusters, this.random)
      : kMeansPlusPlusSeeding(values, count, dimension, this.clusters, this.random, {
          candidatesPerCenter: this.options.candidatesPerCenter,
        });
  }

  private assign(data: FeatureMatrix, centroids: Float32Array) {
    const { values, count, dimension } = data;
    return assignNearestCentroids(values, count, dimension, centroids, this.clusters, this.options.assignmentMethod);
  }

  /** Sets `labels` and `inertia` for `data` under `centroids`. */
  private describe(data: FeatureMatrix, centroids: Float32Array): void {
    const { labels, distances } = this.assign(data, centroids);
    this.labels = labels;
    let inertia = 0;
    for (const distance of distances) inertia += distance;
    this.inertia = inertia;
  }

  /** Gathers `rows` of the data into a batch and applies one mini-batch update. */
  private miniBatchStep(data: FeatureMatrix, centroids: Float32Array, rows: Int32Array): Float32Array {
    const { values, dimension } = data;
    const batch = new Float32Array(rows.length * dimension);
    for (let i = 0; i < rows.length; i++) {
      batch.set(values.subarray(rows[i] * dimension, (rows[i] + 1) * dimension), i * dimension);
    }
    const batchPoints = { values: batch, count: rows.length, dimension };
    return miniBatchUpdate(batchPoints, centroids, this.counts, this.options.assignmentMethod);
  }

  /** `batchSize` row indices drawn uniformly with replacement. */
  private sample(data: FeatureMatrix): Int32Array {
    const rows = new Int32Array(this.options.batchSize);
    for (let i = 0; i < rows.length; i++) rows[i] = this.random.integer(data.count);
    return rows;
  }

  private requireFitted(what: string): Float32Array {
    if (this.fitted === null) throw new Error(`KMeans.${what}: the model is not fitted; call fit() or setState() first`);
    return this.fitted;
  }

  private checkDimension(fn: string, dimension: number): void {
    if (dimension !== this.dimension) {
      throw new Error(`${fn}: points must have dimension ${this.dimension} (as the centroids), got ${dimension}`);
    }
  }
}
