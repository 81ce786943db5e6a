import * as tf from '../tf.js';

/**
 * How points are matched to their nearest centroid:
 * - `'loop'`: a float64 JavaScript loop over ||c||² - 2 x·c (exact, identical on every backend);
 * - `'tensor'`: tf.matMul in float32 on the active backend (5x faster than the loop on wasm,
 *   3x slower on the pure-JS cpu backend; near-ties may resolve differently);
 * - `'auto'` (default): `'loop'` on the cpu backend, `'tensor'` elsewhere.
 */
export type AssignmentMethod = 'auto' | 'loop' | 'tensor';

/** Rows per matMul block of the tensor method: [8192, K] distances at a time. */
const TENSOR_BLOCK = 8192;

export interface NearestCentroids {
  /** [N] index of the nearest centroid of each point. */
  labels: Int32Array;
  /** [N] exact squared Euclidean distance of each point to that centroid (float64). */
  distances: Float64Array;
}

/**
 * Assigns each of `count` points [count, dimension] to its nearest centroid
 * [clusters, dimension] (squared Euclidean distance; ties go to the lower index) with
 * the expansion ||x - c||² = ||x||² - 2 x·c + ||c||², where ||x||² is the same for every
 * candidate and is left out of the comparison. The returned distances are then
 * recomputed exactly as ||x - c||² in float64, so inertia does not suffer from the
 * cancellation of the expansion.
 *
 * Reference: Lloyd 1982, "Least squares quantization in PCM" (the assignment step).
 *
 * @example
 * const { labels, distances } = assignNearestCentroids(points, 1000, 39, centroids, 100);
 */
export function assignNearestCentroids(
  points: Float32Array,
  count: number,
  dimension: number,
  centroids: Float32Array,
  clusters: number,
  method: AssignmentMethod = 'auto',
): NearestCentroids {
  const resolved = method === 'auto' ? (tf.getBackend() === 'cpu' ? 'loop' : 'tensor') : method;
  const labels =
    resolved === 'tensor'
      ? assignWithTensors(points, count, dimension, centroids, clusters)
      : assignWithLoop(points, count, dimension, centroids, clusters);
  const distances = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    distances[i] = squaredDistance(points, i * dimension, centroids, labels[i] * dimension, dimension);
  }
  return { labels, distances };
}

/**
 * ||a[aOffset : aOffset + dimension] - b[bOffset : bOffset + dimension]||², in float64.
 *
 * @example
 * squaredDistance(points, i * dimension, centroids, k * dimension, dimension);
 */
export function squaredDistance(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dimension: number): number {
  let sum = 0;
  for (let d = 0; d < dimension; d++) {
    const difference = a[aOffset + d] - b[bOffset + d];
    sum += difference * difference;
  }
  return sum;
}

function assignWithLoop(points: Float32Array, count: number, dimension: number, centroids: Float32Array, clusters: number): Int32Array {
  const centroidNorms = new Float64Array(clusters);
  for (let k = 0; k < clusters; k++) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) sum += centroids[k * dimension + d] ** 2;
    centroidNorms[k] = sum;
  }
  const labels = new Int32Array(count);
  const unrolled = dimension - (dimension % 4);
  for (let i = 0; i < count; i++) {
    const x = i * dimension;
    let best = Number.POSITIVE_INFINITY;
    let bestCluster = 0;
    for (let k = 0; k < clusters; k++) {
      const c = k * dimension;
      // Four partial sums: independent additions pipeline better than one chain.
      let dot0 = 0;
      let dot1 = 0;
      let dot2 = 0;
      let dot3 = 0;
      let d = 0;
      for (; d < unrolled; d += 4) {
        dot0 += points[x + d] * centroids[c + d];
        dot1 += points[x + d + 1] * centroids[c + d + 1];
        dot2 += points[x + d + 2] * centroids[c + d + 2];
        dot3 += points[x + d + 3] * centroids[c + d + 3];
      }
      for (; d < dimension; d++) dot0 += points[x + d] * centroids[c + d];
      const distance = centroidNorms[k] - 2 * (dot0 + dot1 + dot2 + dot3);
      if (distance < best) {
        best = distance;
        bestCluster = k;
      }
    }
    labels[i] = bestCluster;
  }
  return labels;
}

function assignWithTensors(points: Float32Array, count: number, dimension: number, centroids: Float32Array, clusters: number): Int32Array {
  const labels = new Int32Array(count);
  const [centroidsTransposed, centroidNorms] = tf.tidy(() => {
    const c = tf.tensor2d(centroids, [clusters, dimension]);
    // [D, K]: transposed explicitly, because matMul with transposeB is slow on wasm.
    return [tf.transpose(c), tf.sum(tf.square(c), 1)]; // [D, K], [K]
  });
  try {
    for (let start = 0; start < count; start += TENSOR_BLOCK) {
      const rows = Math.min(TENSOR_BLOCK, count - start);
      const nearest = tf.tidy(() => {
        const x = tf.tensor2d(points.subarray(start * dimension, (start + rows) * dimension), [rows, dimension]);
        const distances = tf.sub(centroidNorms, tf.mul(tf.matMul(x, centroidsTransposed), 2)); // [R, K]
        return tf.argMin(distances, 1); // [R]
      });
      labels.set(nearest.dataSync(), start);
      nearest.dispose();
    }
  } finally {
    tf.dispose([centroidsTransposed, centroidNorms]);
  }
  return labels;
}
