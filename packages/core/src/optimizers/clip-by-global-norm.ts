import * as tf from '../tf.js';
import { assertPositiveNumber, describeValue } from '../validation/index.js';

const OP = 'clipByGlobalNorm';

/** What `clipByGlobalNorm` returns. */
export interface ClippedGradients<T extends tf.NamedTensorMap | tf.Tensor[]> {
  /** New tensors, same names or order and shapes as the input, owned by the caller. */
  gradients: T;
  /** The norm of all gradients together, before clipping. */
  globalNorm: number;
}

/**
 * Rescales a set of gradients so that their joint Euclidean norm is at most `maxNorm`:
 *
 *   globalNorm = sqrt(Σ_tensors Σ_i g_i²)
 *   g ← g · maxNorm / max(globalNorm, maxNorm)
 *
 * Gradients whose norm is already within `maxNorm` come back unchanged (as copies). All
 * tensors share one scale, so the direction of the joint update is kept. A NaN or
 * infinite gradient makes the norm, and every returned gradient, NaN (check `globalNorm`
 * to skip such a step). Reads one number back from the device (the norm).
 *
 * Reference: Pascanu, Mikolov & Bengio 2013, "On the difficulty of training recurrent
 * neural networks"; the same rule as TensorFlow's `tf.clip_by_global_norm` and
 * PyTorch's `clip_grad_norm_`.
 *
 * @param gradients A map from variable name to gradient (as `optimizer.computeGradients`
 *   returns) or an array of tensors. Not disposed.
 * @param maxNorm The largest allowed global norm, > 0.
 * @returns New tensors of the same structure (the caller disposes them) and the norm
 *   before clipping.
 *
 * @example
 * const { value, grads } = optimizer.computeGradients(() => loss(batch));
 * const { gradients, globalNorm } = clipByGlobalNorm(grads, 3.0);
 * optimizer.applyGradients(gradients);
 * tf.dispose([value, grads, gradients]);
 */
export function clipByGlobalNorm<T extends tf.NamedTensorMap | tf.Tensor[]>(gradients: T, maxNorm: number): ClippedGradients<T> {
  assertPositiveNumber(OP, 'maxNorm', maxNorm);
  if (gradients === null || typeof gradients !== 'object') {
    throw new Error(`${OP}: gradients must be a map of name to tf.Tensor or an array of tf.Tensor, got ${gradients}`);
  }
  const entries: [string, tf.Tensor][] = Array.isArray(gradients) ? gradients.map((tensor, i) => [String(i), tensor]) : Object.entries(gradients);
  for (const [key, tensor] of entries) {
    if (!(tensor instanceof tf.Tensor)) {
      throw new Error(`${OP}: gradients[${Array.isArray(gradients) ? key : `'${key}'`}] must be a tf.Tensor, got ${describeValue(tensor)}`);
    }
  }
  const norm = tf.tidy(() => (entries.length === 0 ? tf.scalar(0) : tf.sqrt(tf.addN(entries.map(([, tensor]) => tf.sum(tf.square(tensor)))))));
  const globalNorm = norm.dataSync()[0];
  const clipped = tf.tidy(() => {
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return entries.map(([, tensor]) => tf.mul(tensor, scale));
  });
  norm.dispose();
  if (Array.isArray(gradients)) return { gradients: clipped as T, globalNorm };
  const map: tf.NamedTensorMap = {};
  entries.forEach(([name], i) => {
    map[name] = clipped[i];
  });
  return { gradients: map as T, globalNorm };
}
