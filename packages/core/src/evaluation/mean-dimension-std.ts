import { type Features, readFeatures } from './feature-matrix.js';

/**
 * Standard deviation of each dimension of the L2-normalised embeddings, averaged over
 * dimensions: lightly's collapse monitor.
 *
 * Every row is divided by its L2 norm (rows of norm 0 stay 0), then the sample standard
 * deviation (divisor N - 1, as torch.std) of each of the D columns is taken, in float64,
 * and the D values are averaged. For embeddings spread evenly on the sphere (an isotropic
 * Gaussian) each coordinate has variance 1/D, so the result is about 1/sqrt(D); when the
 * encoder maps every input to the same point it is 0.
 *
 * Reference: lightly's `std_of_l2_normalized` benchmark metric; SimSiam (Chen & He 2021,
 * "Exploring Simple Siamese Representation Learning", section 4.1).
 *
 * @param embeddings [N, D] with N >= 2: a FeatureMatrix or a float32 tf.Tensor2D (read, not disposed).
 *
 * @example
 * const std = meanDimensionStd(await extractEmbeddings(encoder, images));
 * if (std < 0.1 / Math.sqrt(128)) console.warn('embeddings have collapsed');
 */
export function meanDimensionStd(embeddings: Features): number {
  const fn = 'meanDimensionStd';
  const { values, count, dimension } = readFeatures(fn, 'embeddings', embeddings);
  if (count < 2) throw new Error(`${fn}: embeddings need at least 2 rows to have a spread, got ${count}`);
  const sums = new Float64Array(dimension);
  const squares = new Float64Array(dimension);
  for (let i = 0; i < count; i++) {
    const offset = i * dimension;
    let norm = 0;
    for (let d = 0; d < dimension; d++) norm += values[offset + d] * values[offset + d];
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dimension; d++) {
      const value = values[offset + d] * scale;
      sums[d] += value;
      squares[d] += value * value;
    }
  }
  let total = 0;
  for (let d = 0; d < dimension; d++) {
    const mean = sums[d] / count;
    // Sum of squares about the mean; clamped because rounding can make it slightly negative.
    const spread = Math.max(0, squares[d] - count * mean * mean);
    total += Math.sqrt(spread / (count - 1));
  }
  return total / dimension;
}
