import * as tf from '../tf.js';
import { l2Normalize } from './l2-normalize.js';

/**
 * All pairwise cosine similarities between the rows of `a` [N, D] and `b` [M, D]: [N, M].
 *
 * @example
 * const similarities = pairwiseCosineSimilarity(queries, keys); // [N, M], values in [-1, 1]
 */
export function pairwiseCosineSimilarity(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[1] !== b.shape[1]) {
    throw new Error(`pairwiseCosineSimilarity: expected a [N, D] and b [M, D] with the same D, got a [${a.shape}] and b [${b.shape}]`);
  }
  return tf.tidy(() => tf.matMul(l2Normalize(a), l2Normalize(b), false, true));
}

/**
 * Row-wise cosine similarity of `a` [N, D] and `b` [N, D]: [N].
 *
 * @example
 * const agreement = rowCosineSimilarity(prediction, target); // [N]
 */
export function rowCosineSimilarity(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1]) {
    throw new Error(`rowCosineSimilarity: expected a and b of the same [N, D] shape, got [${a.shape}] and [${b.shape}]`);
  }
  return tf.tidy(() => tf.sum(tf.mul(l2Normalize(a), l2Normalize(b)), -1));
}
