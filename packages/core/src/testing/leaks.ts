import * as tf from '../tf.js';

/**
 * Runs `fn` and returns how many tensors it left allocated: 0 when it cleaned up.
 * Tensors that `fn` returns are disposed first (they are the caller's, not leaks).
 *
 * @example
 * expect(leakedTensors(() => ntXent(z1, z2))).toBe(0);
 */
export function leakedTensors(fn: () => tf.TensorContainer | undefined): number {
  const before = tf.memory().numTensors;
  const result = fn();
  if (result) tf.dispose(result as tf.TensorContainer);
  return tf.memory().numTensors - before;
}
