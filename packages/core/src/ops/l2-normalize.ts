import * as tf from '../tf.js';

/** Defaults of `l2Normalize`, those of PyTorch's F.normalize (p = 2). */
export const L2_NORMALIZE_DEFAULTS = Object.freeze({
  /** Normalise along the last axis (PyTorch's dim = 1 for [N, D] rows). */
  axis: -1,
  /** The epsilon of PyTorch's F.normalize: norms below it are clamped. */
  epsilon: 1e-12,
});

/**
 * Divides `x` by its L2 norm along `axis` (default: the last), clamping the norm at
 * `epsilon` so a zero vector stays zero instead of becoming NaN, as PyTorch's F.normalize.
 *
 * @example
 * const z = l2Normalize(tf.tensor2d([[3, 4]])); // [[0.6, 0.8]]
 */
export function l2Normalize<T extends tf.Tensor>(x: T, options: { axis?: number; epsilon?: number } = {}): T {
  const axis = options.axis ?? L2_NORMALIZE_DEFAULTS.axis;
  const epsilon = options.epsilon ?? L2_NORMALIZE_DEFAULTS.epsilon;
  return tf.tidy(() => {
    const norm = tf.maximum(tf.sqrt(tf.sum(tf.square(x), axis, true)), epsilon);
    return tf.div(x, norm) as T;
  });
}
