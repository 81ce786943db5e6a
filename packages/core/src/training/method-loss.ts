import type { LossOutput, Method, StepContext } from './method.js';

/**
 * A method's loss on one batch in one thread: `loss(forward(prepare(batch)), inputs)`.
 * What the trainer differentiates; handy in tests and notebooks. Creates tensors: call it
 * inside `tf.tidy` (or dispose the output).
 *
 * @example
 * const { loss, terms } = tf.tidy(() => methodLoss(method, batch, { step: 0, totalSteps: 1, epoch: 0, learningRate: 0, random: createRandom(0) }));
 */
export function methodLoss<Batch>(method: Method<Batch>, batch: Batch, context: StepContext): LossOutput {
  const inputs = method.prepare(batch, context);
  return method.loss(method.forward(inputs), inputs, context);
}
