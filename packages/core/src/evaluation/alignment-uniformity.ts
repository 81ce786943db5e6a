import * as tf from '../tf.js';
import { assertInteger, assertPositiveNumber } from '../validation/index.js';
import { type Features, readFeatures } from './feature-matrix.js';

/** Defaults of `alignment`. */
export const ALIGNMENT_DEFAULTS = Object.freeze({
  /** Exponent α of the distance (Wang & Isola 2020 report α = 2). */
  alpha: 2,
  /** The metric is defined on the unit sphere, so rows are L2-normalised first. */
  normalize: true,
});

/** Defaults of `uniformity`. */
export const UNIFORMITY_DEFAULTS = Object.freeze({
  /** Scale t of the Gaussian potential (Wang & Isola 2020 report t = 2). */
  t: 2,
  /** The metric is defined on the unit sphere, so rows are L2-normalised first. */
  normalize: true,
  /** Rows per block of pairwise similarities: a [1024, N] block at most (this project's choice). */
  blockSize: 1024,
});

export interface AlignmentOptions {
  /** Exponent of the distance. Default 2. */
  alpha?: number;
  /** L2-normalise rows first (the metric is defined on the unit sphere). Default true. */
  normalize?: boolean;
}

export interface UniformityOptions {
  /** Scale of the Gaussian potential. Default 2. */
  t?: number;
  /** L2-normalise rows first (the metric is defined on the unit sphere). Default true. */
  normalize?: boolean;
  /** Rows per block of pairwise similarities [blockSize, N]. Default 1024. */
  blockSize?: number;
}

/**
 * Alignment of positive pairs (Wang & Isola 2020): E_i ||f(x_i) - f(y_i)||^α, the mean
 * distance between the embeddings of two views of the same input. Lower is better;
 * 0 when every pair coincides. Computed in float64 on L2-normalised rows (unless
 * `normalize: false`), so with α = 2 it lies in [0, 4].
 *
 * Reference: Wang & Isola 2020, "Understanding Contrastive Representation Learning
 * through Alignment and Uniformity on the Hypersphere" (`align_loss`).
 *
 * @param z1 [N, D] embeddings of the first views.
 * @param z2 [N, D] embeddings of the second views (row i pairs with z1 row i).
 *
 * @example
 * const a = alignment(await extractEmbeddings(encoder, viewsA), await extractEmbeddings(encoder, viewsB));
 */
export function alignment(z1: Features, z2: Features, options: AlignmentOptions = {}): number {
  const fn = 'alignment';
  const alpha = options.alpha ?? ALIGNMENT_DEFAULTS.alpha;
  assertPositiveNumber(fn, 'alpha', alpha);
  const first = readFeatures(fn, 'z1', z1);
  const second = readFeatures(fn, 'z2', z2);
  if (first.count !== second.count || first.dimension !== second.dimension) {
    throw new Error(`${fn}: z2 must be [N, D] matching z1 [${first.count}, ${first.dimension}], got [${second.count}, ${second.dimension}]`);
  }
  const normalize = options.normalize ?? ALIGNMENT_DEFAULTS.normalize;
  const { count, dimension } = first;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const offset = i * dimension;
    const scale1 = normalize ? inverseNorm(first.values, offset, dimension) : 1;
    const scale2 = normalize ? inverseNorm(second.values, offset, dimension) : 1;
    let squared = 0;
    for (let d = 0; d < dimension; d++) {
      const difference = first.values[offset + d] * scale1 - second.values[offset + d] * scale2;
      squared += difference * difference;
    }
    total += squared ** (alpha / 2);
  }
  return total / count;
}

/**
 * Uniformity (Wang & Isola 2020): log E_{i<j} exp(-t ||f(x_i) - f(x_j)||²) over all
 * pairs of distinct rows. Lower (more negative) is more uniform; 0 when all rows
 * coincide. On the unit sphere its minimum for t = 2 and large N approaches -4.
 *
 * Pairwise dot products come from tf.matMul in blocks of `blockSize` rows (so an
 * [N, N] matrix never exists at once); squared distances (2 - 2 cos on the sphere) and
 * the log-mean-exp are accumulated in float64 with a running maximum, so it neither
 * overflows nor underflows.
 *
 * Reference: Wang & Isola 2020, "Understanding Contrastive Representation Learning
 * through Alignment and Uniformity on the Hypersphere" (`uniform_loss`).
 *
 * @param z [N, D] embeddings, N >= 2.
 *
 * @example
 * const u = uniformity(features); // e.g. -3.8 for a spread-out encoder, near 0 after collapse
 */
export function uniformity(z: Features, options: UniformityOptions = {}): number {
  const fn = 'uniformity';
  const t = options.t ?? UNIFORMITY_DEFAULTS.t;
  assertPositiveNumber(fn, 't', t);
  const blockSize = options.blockSize ?? UNIFORMITY_DEFAULTS.blockSize;
  assertInteger(fn, 'blockSize', blockSize, 1);
  const { values, count, dimension } = readFeatures(fn, 'z', z);
  if (count < 2) throw new Error(`${fn}: z needs at least 2 rows to form a pair, got ${count}`);
  const normalize = options.normalize ?? UNIFORMITY_DEFAULTS.normalize;

  const rows = new Float32Array(values.length);
  const squaredNorms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const offset = i * dimension;
    const scale = normalize ? inverseNorm(values, offset, dimension) : 1;
    let squared = 0;
    for (let d = 0; d < dimension; d++) {
      rows[offset + d] = values[offset + d] * scale;
      squared += rows[offset + d] * rows[offset + d];
    }
    squaredNorms[i] = squared;
  }

  // log Σ exp(e_ij) kept as maximum + log(sum of exp(e_ij - maximum)).
  let maximum = Number.NEGATIVE_INFINITY;
  let sum = 0;
  const allTransposed = tf.tidy(() => tf.transpose(tf.tensor2d(rows, [count, dimension]))); // [D, N]
  try {
    for (let start = 0; start < count - 1; start += blockSize) {
      const size = Math.min(blockSize, count - 1 - start);
      const block = tf.tidy(() => {
        const blockRows = tf.tensor2d(rows.subarray(start * dimension, (start + size) * dimension), [size, dimension]);
        return tf.matMul(blockRows, allTransposed); // [B, N]
      });
      const dots = block.dataSync();
      for (let r = 0; r < size; r++) {
        const i = start + r;
        // Only pairs j > i: the j <= i half repeats them.
        let blockMaximum = Number.NEGATIVE_INFINITY;
        for (let j = i + 1; j < count; j++) {
          const exponent = -t * Math.max(0, squaredNorms[i] + squaredNorms[j] - 2 * dots[r * count + j]);
          if (exponent > blockMaximum) blockMaximum = exponent;
        }
        if (blockMaximum > maximum) {
          sum *= Math.exp(maximum - blockMaximum);
          maximum = blockMaximum;
        }
        for (let j = i + 1; j < count; j++) {
          const exponent = -t * Math.max(0, squaredNorms[i] + squaredNorms[j] - 2 * dots[r * count + j]);
          sum += Math.exp(exponent - maximum);
        }
      }
      block.dispose();
    }
  } finally {
    allTransposed.dispose();
  }
  const pairs = (count * (count - 1)) / 2;
  return maximum + Math.log(sum) - Math.log(pairs);
}

function inverseNorm(values: Float32Array, offset: number, dimension: number): number {
  let squared = 0;
  for (let d = 0; d < dimension; d++) squared += values[offset + d] * values[offset + d];
  return squared > 0 ? 1 / Math.sqrt(squared) : 0;
}
