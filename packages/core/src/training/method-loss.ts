import type { LossOutput, Method, StepContext } from './method.js';

/**
 * A method's loss on one batch in one thread: `loss(forward(prepare(batch)), inputs)`, the
 * forward pass seeing the whole batch (`offset` 0) and the step's seed.
 * What the trainer differentiates; handy in tests and notebooks. Creates tensors: call it
 * inside `tf.tidy` (or dispose the output).
 *
 * @example
 * const { loss, terms } = tf.tidy(() => methodLoss(method, batch, { step: 0, totalSteps: 1, epoch: 0, learningRate: 0, seed: 0, random: createRandom(0) }));
 */
export function methodLoss<Batch>(method: Method<Batch>, batch: Batch, context: StepContext): LossOutput {
  const inputs = method.prepare(batch, context);
  const outputs = method.forward(inputs, { seed: context.seed, offset: 0, batchSize: inputs[0]?.shape[0] ?? 0 });
  return method.loss(outputs, inputs, context);
}
