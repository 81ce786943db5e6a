import type * as tf from '../tf.js';
import type { ForwardContext, Method } from '../training/method.js';
import { movingStatistics } from '../training/moving-statistics.js';

/**
 * One copy of a model, built in each worker thread (and once on the main thread, which
 * keeps the master weights and the optimizer). Every copy must have the same trainable
 * variables in the same order; their values come from the main thread before each step.
 */
export interface Replica {
  /** The variables whose gradients are summed across workers. */
  trainableVariables(): tf.Variable[];
  /** The differentiable part that runs in a worker: a shard of inputs to one or more outputs (`context`: see `Method.forward`). */
  forward(inputs: tf.Tensor[], context: ForwardContext): tf.Tensor | tf.Tensor[];
  /**
   * Weights the forward pass reads but that are not trained (a momentum encoder's
   * averaged weights): overwritten with the main thread's values before every step.
   */
  averagedVariables?(): tf.Variable[];
  /**
   * Weights that change in the forward pass rather than by gradients (batch-norm moving
   * statistics), for `ParallelReplicas.pullState`: the main thread's copy has none of
   * those updates until it pulls them.
   */
  stateVariables?(): tf.Variable[];
}

/**
 * What a replica module exports (by default as `createReplica`): a function of the
 * JSON-serialisable `options` given to `ParallelReplicas.create`.
 *
 * @example
 * // encoder-replica.ts
 * export function createReplica(options: { seed: number }): Replica {
 *   const encoder = buildEncoder(); // same shapes everywhere; the weights arrive from the main thread
 *   return {
 *     trainableVariables: () => encoder.trainableWeights.map((w) => w.read() as tf.Variable),
 *     forward: ([images]) => encoder.apply(images, { training: true }) as tf.Tensor,
 *   };
 * }
 */
export type ReplicaFactory = (options: unknown) => Replica | Promise<Replica>;

/**
 * A method as a replica: its `forward`, trainable and averaged variables, and its moving
 * statistics as state variables (`movingStatistics`). What a
 * replica module of a method returns from `createReplica`.
 *
 * @example
 * export const createReplica = (options: RecipeOptions) => methodReplica(buildRecipe(options).method);
 */
export function methodReplica(method: Method<unknown>): Replica {
  return {
    trainableVariables: () => method.trainableVariables(),
    forward: (inputs, context) => method.forward(inputs, context),
    averagedVariables: method.averagedVariables && (() => method.averagedVariables!()),
    stateVariables: () => movingStatistics(method),
  };
}

/** A tensor as it travels between threads. */
export interface WireTensor {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype: 'float32' | 'int32';
}
