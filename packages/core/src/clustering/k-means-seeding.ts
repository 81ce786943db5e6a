import type { SeededRandom } from '../random/seeded-random.js';
import { assertInteger } from '../validation/index.js';
import { squaredDistance } from './nearest-centroid.js';

export interface KMeansPlusPlusOptions {
  /**
   * Candidates drawn per new center; the one that lowers the total squared distance most
   * is kept ("greedy k-means++"). 1 (default) is the algorithm of Arthur & Vassilvitskii;
   * scikit-learn uses 2 + floor(ln k).
   */
  candidatesPerCenter?: number;
}

/**
 * k-means++ seeding: the first center is a uniformly random point; each next one is a
 * point drawn with probability proportional to D(x)², its squared distance to the
 * nearest center chosen so far. This spreads the centers over the data and makes the
 * expected inertia O(log k) times the optimum before any Lloyd iteration. With
 * `candidatesPerCenter` > 1, that many points are drawn and the one giving the lowest
 * total D(x)² afterwards is kept. If every point already coincides with a center, the
 * next one is drawn uniformly.
 *
 * Reference: Arthur & Vassilvitskii 2007, "k-means++: The Advantages of Careful Seeding".
 *
 * @param points [count, dimension] row-major.
 * @returns [clusters, dimension] initial centroids (copies of data points).
 *
 * @example
 * const centroids = kMeansPlusPlusSeeding(points, 20000, 39, 100, createRandom(0));
 */
export function kMeansPlusPlusSeeding(
  points: Float32Array,
  count: number,
  dimension: number,
  clusters: number,
  random: SeededRandom,
  options: KMeansPlusPlusOptions = {},
): Float32Array {
  const candidates = options.candidatesPerCenter ?? 1;
  assertInteger('kMeansPlusPlusSeeding', 'candidatesPerCenter', candidates, 1);
  const centroids = new Float32Array(clusters * dimension);
  const first = random.integer(count);
  centroids.set(points.subarray(first * dimension, (first + 1) * dimension), 0);
  // closest[i] = D(x_i)², squared distance to the nearest center so far.
  const closest = new Float64Array(count);
  let potential = 0;
  for (let i = 0; i < count; i++) {
    closest[i] = squaredDistance(points, i * dimension, centroids, 0, dimension);
    potential += closest[i];
  }
  const trial = new Float64Array(count);
  const best = new Float64Array(count);
  for (let center = 1; center < clusters; center++) {
    let chosen = -1;
    let chosenPotential = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < candidates; attempt++) {
      const candidate = potential > 0 ? drawProportional(closest, potential, random) : random.integer(count);
      if (candidates === 1) {
        chosen = candidate;
        break;
      }
      let trialPotential = 0;
      for (let i = 0; i < count; i++) {
        trial[i] = Math.min(closest[i], squaredDistance(points, i * dimension, points, candidate * dimension, dimension));
        trialPotential += trial[i];
      }
      if (trialPotential < chosenPotential) {
        chosen = candidate;
        chosenPotential = trialPotential;
        best.set(trial);
      }
    }
    centroids.set(points.subarray(chosen * dimension, (chosen + 1) * dimension), center * dimension);
    if (candidates === 1) {
      potential = 0;
      for (let i = 0; i < count; i++) {
        closest[i] = Math.min(closest[i], squaredDistance(points, i * dimension, points, chosen * dimension, dimension));
        potential += closest[i];
      }
    } else {
      closest.set(best);
      potential = chosenPotential;
    }
  }
  return centroids;
}

/** An index drawn with probability weights[i] / total (a linear scan of the cumulative sum). */
function drawProportional(weights: Float64Array, total: number, random: SeededRandom): number {
  const target = random.next() * total;
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] <= 0) continue;
    cumulative += weights[i];
    last = i;
    if (cumulative > target) return i;
  }
  // Rounding can leave the target just above the final cumulative sum.
  return last;
}

/**
 * Random seeding: `clusters` distinct points drawn uniformly (a partial Fisher-Yates
 * shuffle), the classic initialisation of Lloyd's algorithm (Forgy).
 *
 * Reference: Forgy 1965; MacQueen 1967.
 *
 * @returns [clusters, dimension] initial centroids (copies of data points).
 *
 * @example
 * const centroids = randomSeeding(points, 20000, 39, 100, createRandom(0));
 */
export function randomSeeding(points: Float32Array, count: number, dimension: number, clusters: number, random: SeededRandom): Float32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const centroids = new Float32Array(clusters * dimension);
  for (let center = 0; center < clusters; center++) {
    const j = center + random.integer(count - center);
    const swap = order[center];
    order[center] = order[j];
    order[j] = swap;
    const row = order[center];
    centroids.set(points.subarray(row * dimension, (row + 1) * dimension), center * dimension);
  }
  return centroids;
}
