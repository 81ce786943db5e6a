import type * as tf from '../tf.js';
import type { SeededRandom } from '../random/seeded-random.js';
import type { Stateful } from '../state/stateful.js';

/** What the trainer tells a method about the current step. */
export interface StepContext {
  /** Zero-based index of the step being run (the number of optimizer steps already taken). */
  step: number;
  /** Total steps of the run (known before it starts). */
  totalSteps: number;
  epoch: number;
  /** Learning rate used for this step. */
  learningRate: number;
  /** The step's seed, from (run seed, step): the source of `random` and of `forward`'s dropout. */
  seed: number;
  /** A generator started from `seed`: the same numbers on every run and after a resume. */
  random: SeededRandom;
}

/**
 * What `forward` gets besides its inputs: the step's seed and where its slice lies in the
 * batch. Hand it to the layers (`model.apply(x, { training: true, context })`): selfsup's
 * layers draw their dropout masks from it for the whole batch and keep this slice's rows,
 * so a step drops the same units on any number of workers and after a resume.
 */
export interface ForwardContext {
  /** The step's seed (`StepContext.seed`). */
  seed: number;
  /** Index in the batch of this slice's first example (0 in one thread). */
  offset: number;
  /** Examples in the whole batch. */
  batchSize: number;
}

/** What a method's `loss` returns: the scalar to minimise, its named parts, and what the step hook needs. */
export interface LossOutput {
  loss: tf.Scalar;
  /** Named loss terms (e.g. `{ contrastive, diversity }`); logged, and named when a loss diverges. */
  terms?: Record<string, tf.Scalar>;
  /** Extra scalars to log (accuracy of the pretext task, temperature, ...). */
  metrics?: Record<string, tf.Scalar | number>;
  /**
   * Tensors the step hook needs (MoCo's keys, DINO's teacher outputs): the trainer keeps
   * them past the gradient scope, hands them to `onStepEnd` as `carry`, then frees them.
   * This is how a value goes from the loss to a state update: never through a closure.
   */
  carry?: tf.NamedTensorMap;
}

/**
 * The contract between a self-supervised method and the trainer, in three pure parts
 * and one hook:
 *
 * 1. `prepare(batch, context)`: the random, non-differentiable part (augmented views,
 *    masks, rotation labels): a list of tensors with the examples on axis 0.
 * 2. `forward(inputs, context)`: the differentiable networks on (a slice of) those
 *    examples: a list of outputs, examples on axis 0. With worker threads each worker runs
 *    it on its slice; `context` (the step's seed, the slice's place in the batch) goes to
 *    the layers so that dropout repeats exactly.
 * 3. `loss(outputs, inputs, context)`: the loss of the whole batch's outputs (NT-Xent's
 *    negatives, the queue, the centre, the symmetrised terms all see every example).
 * 4. `onStepEnd`: after the optimizer step, the one place where a method changes state.
 *
 * One step in one thread is `loss(forward(prepare(batch)), ...)`; with N workers the
 * trainer slices the prepared inputs, gathers the outputs with their gradients and gets
 * the same update (up to batch-norm batch statistics, which see a slice). Stateful parts
 * are listed in `state()` and checkpointed by the trainer.
 *
 * @example
 * const method: Method<tf.Tensor4D> = {
 *   name: 'simclr',
 *   trainableVariables: () => trainableVariablesOf(encoder, projector),
 *   prepare: (images, { random }) => [augment(images, random), augment(images, random)], // 2 x [B, H, W, C]
 *   forward: (views, context) => views.map((v) => projector.apply(encoder.apply(v, { training: true, context })) as tf.Tensor2D),
 *   loss: ([z1, z2]) => { const loss = ntXent(z1 as tf.Tensor2D, z2 as tf.Tensor2D); return { loss, terms: { ntXent: loss } }; },
 *   models: () => ({ encoder, projector }),
 * };
 */
export interface Method<Batch> {
  /** Shown in logs and stored in checkpoints (the command-line name for the built-in methods). */
  name: string;
  trainableVariables(): tf.Variable[];
  /** The random, non-differentiable inputs of the step; examples on axis 0 of every tensor. */
  prepare(batch: Batch, context: StepContext): tf.Tensor[];
  /** The differentiable part: outputs with the examples on axis 0 (run per slice by workers; pass `context` to the layers). */
  forward(inputs: tf.Tensor[], context: ForwardContext): tf.Tensor[];
  /** The loss of the whole batch's outputs; `inputs` are the prepared inputs (targets, labels). */
  loss(outputs: tf.Tensor[], inputs: tf.Tensor[], context: StepContext): LossOutput;
  /** Called after the optimizer step with the loss's `carry`; the place for state updates. */
  onStepEnd?(context: StepContext & { carry: tf.NamedTensorMap }): void;
  /** Models saved in the tfjs layers format in every checkpoint (and restored on resume). */
  models?(): Record<string, tf.LayersModel>;
  /** The stateful parts (momentum encoders, queues, centres), saved with every checkpoint. */
  state?(): Record<string, Stateful>;
  /**
   * Weights that `forward` reads but that are not trained (a momentum encoder's averaged
   * weights): sent to the workers with the trainable ones before every parallel step.
   */
  averagedVariables?(): tf.Variable[];
  /**
   * How a worker thread builds the same method (a module exporting `createReplica` and its
   * JSON options, e.g. a recipe name): needed for `train({ replicas })`.
   */
  replica?: { module: string; options: unknown };
}
