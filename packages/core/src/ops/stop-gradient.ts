import * as tf from '../tf.js';

const identityWithoutGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const input = args[0] as tf.Tensor;
  return { value: tf.clone(input), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/**
 * Identity in the forward pass, zero gradient in the backward pass (tfjs-core has no
 * such op). Use it where a method must not backpropagate into a branch: SimSiam's
 * target, BYOL's and DINO's teacher, MoCo's keys.
 *
 * @example
 * const target = stopGradient(projector.apply(view2) as tf.Tensor2D);
 * const loss = negativeCosineSimilarity(prediction, target);
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return identityWithoutGradient(x) as T;
}
