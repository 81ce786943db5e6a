import type * as tf from '@tensorflow/tfjs';

/**
 * One copy of a model, built in each worker thread (and once on the main thread, which
 * keeps the master weights and the optimizer). Every copy must have the same trainable
 * variables in the same order: build it deterministically (e.g. inside `seededScope`).
 */
export interface Replica {
  /** The variables whose gradients are summed across workers. */
  trainableVariables(): tf.Variable[];
  /** The differentiable part that runs in a worker: a shard of inputs to outputs. */
  forward(inputs: tf.Tensor[]): tf.Tensor;
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
 *   const encoder = seededScope(options.seed, () => buildEncoder());
 *   return {
 *     trainableVariables: () => encoder.trainableWeights.map((w) => w.read() as tf.Variable),
 *     forward: ([images]) => encoder.apply(images, { training: true }) as tf.Tensor,
 *   };
 * }
 */
export type ReplicaFactory = (options: unknown) => Replica | Promise<Replica>;

/** A tensor as it travels between threads. */
export interface WireTensor {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype: 'float32' | 'int32';
}
