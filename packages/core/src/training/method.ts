import type * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../random/seeded-random.js';

/** What the trainer tells a method about the current step. */
export interface StepContext {
  /** Zero-based index of the step being run (the number of optimizer steps already taken). */
  step: number;
  /** Total steps of the run (known before it starts). */
  totalSteps: number;
  epoch: number;
  /** Learning rate used for this step. */
  learningRate: number;
  /** A generator seeded from (run seed, step): the same numbers on every run and after a resume. */
  random: SeededRandom;
}

/** What `computeLoss` returns: the scalar to minimise and its named parts, for logging. */
export interface LossOutput {
  loss: tf.Scalar;
  /** Named loss terms (e.g. `{ contrastive, diversity }`); logged, and named when a loss diverges. */
  terms?: Record<string, tf.Scalar>;
  /** Extra scalars to log (accuracy of the pretext task, temperature, ...). */
  metrics?: Record<string, tf.Scalar | number>;
}

/** State a method keeps besides its trainable variables (EMA weights, queues, centres), for checkpoints. */
export interface MethodState {
  /** Copies of the state tensors: the trainer disposes them once they are written. */
  tensors?: tf.NamedTensorMap;
  json?: unknown;
}

/**
 * The contract between a self-supervised method and the trainer. The trainer knows
 * nothing about any particular method: it asks for the loss, differentiates it with
 * respect to `trainableVariables()`, applies the optimizer, then calls `onStepEnd`, the
 * one place where a method changes its state (EMA update, queue enqueue, DINO centre).
 *
 * @example
 * const method: Method<tf.Tensor4D> = {
 *   trainableVariables: () => encoder.trainableWeights.map((w) => w.read() as tf.Variable),
 *   computeLoss: (images) => {
 *     const loss = ntXent(encoder.apply(augment(images)) as tf.Tensor2D, encoder.apply(augment(images)) as tf.Tensor2D);
 *     return { loss, terms: { ntXent: loss } };
 *   },
 *   models: () => ({ encoder }),
 * };
 */
export interface Method<Batch> {
  /** Shown in logs and stored in checkpoints. */
  name?: string;
  trainableVariables(): tf.Variable[];
  /** The loss of one batch. Pure: no state changes here. */
  computeLoss(batch: Batch, context: StepContext): LossOutput;
  /** Called after the optimizer step; the place for state updates. */
  onStepEnd?(context: StepContext & { batch: Batch }): void | Promise<void>;
  /** Models saved in the tfjs layers format in every checkpoint (and restored on resume). */
  models?(): Record<string, tf.LayersModel>;
  /**
   * For `train({ replicas })`: splits a batch into one list of inputs per worker thread
   * (e.g. `[[view1], [view2]]`), each fed to the replica's `forward`. Runs under the step's seed.
   */
  shards?(batch: Batch, context: StepContext): tf.Tensor[][];
  /** For `train({ replicas })`: the loss of the workers' joined outputs, on the main thread. */
  joinLoss?(outputs: tf.Tensor[], batch: Batch, context: StepContext): LossOutput;
  /**
   * For `train({ replicas })`: the main thread's copies of the replica's `stateVariables()`
   * (batch-norm moving statistics), refreshed from the workers before each checkpoint and
   * at the end of the run.
   */
  stateVariables?(): tf.Variable[];
  /** Extra state for checkpoints (tensors returned as copies). */
  getState?(): MethodState;
  /** Restores `getState()`'s output; the trainer disposes the given tensors afterwards. */
  setState?(state: MethodState): void;
}
