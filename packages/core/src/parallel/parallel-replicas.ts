import { availableParallelism } from 'node:os';
import * as tf from '../tf.js';
import { clipByGlobalNorm } from '../optimizers/clip-by-global-norm.js';
import type { ForwardContext, Method } from '../training/method.js';
import type { WireTensor } from './replica.js';
import { type WorkerHandle, startReplicaWorker } from './worker-handle.js';

/** Defaults of `ParallelReplicas` (the worker count defaults to the number of cores). */
export const PARALLEL_REPLICAS_DEFAULTS = Object.freeze({
  /** The export a replica module provides unless told otherwise. */
  exportName: 'createReplica',
  /** One single-threaded wasm backend per worker: the workers are what use the cores. */
  backend: 'wasm' as 'wasm' | 'cpu' | 'tensorflow' | 'auto',
});

export interface ParallelReplicasOptions {
  /** The module that builds a replica (see `Replica`), e.g. `new URL('./encoder-replica.js', import.meta.url)`. */
  module: URL | string;
  /** Its factory export. Default 'createReplica'. */
  exportName?: string;
  /** JSON-serialisable options passed to the factory in every worker. */
  options?: unknown;
  /** Worker threads. Default: the number of cores. */
  workers?: number;
  /** Backend of each worker. Default 'wasm' (one thread each: the workers are what use the cores). */
  backend?: 'wasm' | 'cpu' | 'tensorflow' | 'auto';
}

/**
 * Data- or view-parallel training across worker threads, each with its own backend and
 * its own replica of the model: the way to use more than one core where the backend
 * itself is single-threaded (tfjs's wasm backend in Node).
 *
 * Each step, worker i runs the replica's forward pass on shard i; the main thread joins
 * the outputs, computes the loss and its gradient with respect to each output, and sends
 * those back; each worker finishes its backward pass (without recomputing the forward)
 * and returns its variables' gradients, which are summed. The result is exactly the
 * gradient of the joined loss, so a two-view method gets the same update as running both
 * views in one process (batch norm, as there, sees one view at a time), and a batch split
 * in halves gets the same update as the whole batch when the loss is a mean over examples.
 *
 * @example
 * const replicas = await ParallelReplicas.create({ module: new URL('./encoder-replica.js', import.meta.url), options: { seed: 0 } });
 * const master = createReplica({ seed: 0 });              // same weights on the main thread
 * const variables = master.trainableVariables();
 * const loss = await replicas.step({ variables, optimizer, shards: [[view1], [view2]],
 *   loss: ([[z1], [z2]]) => ntXent(z1 as tf.Tensor2D, z2 as tf.Tensor2D) });
 * await replicas.dispose();
 */
export class ParallelReplicas {
  private readonly handles: WorkerHandle[];
  private readonly sizes: number[];
  private readonly averagedSizes: number[];
  private pendingWeights: { trainable: Float32Array[]; averaged: Float32Array[] } | undefined;

  private constructor(handles: WorkerHandle[], sizes: number[], averagedSizes: number[]) {
    this.handles = handles;
    this.sizes = sizes;
    this.averagedSizes = averagedSizes;
  }

  /**
   * Workers for a method that says how to build its replica (`method.replica`, e.g. every
   * method of the vision recipe book): the way to give `train` every core.
   *
   * @example
   * const { method } = buildRecipe({ method: 'simclr', imageShape: [28, 28, 1], totalSteps: 450, seed: 0 });
   * const replicas = await ParallelReplicas.forMethod(method, { workers: 2 });
   * await train({ method, data, optimizer, steps: 450, replicas });
   * await replicas.dispose();
   */
  static async forMethod(
    method: Pick<Method<unknown>, 'name' | 'replica'>,
    options: Omit<ParallelReplicasOptions, 'module' | 'options' | 'exportName'> = {},
  ): Promise<ParallelReplicas> {
    if (!method.replica) {
      throw new Error(
        `ParallelReplicas.forMethod: method '${method.name}' does not say how a worker builds it (no 'replica'); build it from a recipe book, or train with one worker`,
      );
    }
    return ParallelReplicas.create({ ...options, module: method.replica.module, options: method.replica.options });
  }

  /** Starts the workers and builds a replica in each. */
  static async create(options: ParallelReplicasOptions): Promise<ParallelReplicas> {
    const count = options.workers ?? availableParallelism();
    if (!Number.isInteger(count) || count < 1) throw new Error(`ParallelReplicas: workers must be a positive integer, got ${count}`);
    const setup = {
      module: String(options.module),
      exportName: options.exportName ?? PARALLEL_REPLICAS_DEFAULTS.exportName,
      options: options.options ?? {},
      backend: options.backend ?? PARALLEL_REPLICAS_DEFAULTS.backend,
    } as const;
    const handles = Array.from({ length: count }, () => startReplicaWorker(setup));
    const replicas = new ParallelReplicas(handles, [], []);
    try {
      const ready = await Promise.all(handles.map((h) => replicas.next<{ sizes: number[]; averagedSizes: number[] }>(h, 'ready')));
      replicas.sizes.push(...ready[0].sizes);
      replicas.averagedSizes.push(...ready[0].averagedSizes);
      if (ready.some((r) => r.sizes.join() !== ready[0].sizes.join() || r.averagedSizes.join() !== ready[0].averagedSizes.join())) {
        throw new Error('ParallelReplicas: the replicas built in different workers have different variables; build them deterministically');
      }
    } catch (error) {
      await replicas.dispose();
      throw error;
    }
    return replicas;
  }

  get workers(): number {
    return this.handles.length;
  }

  /**
   * Weights every worker loads before its next step: the trainable ones (in
   * `trainableVariables()` order) and the averaged ones (`averagedVariables()` order).
   */
  setWeights(variables: tf.Variable[] | Float32Array[], averaged: tf.Variable[] | Float32Array[] = []): void {
    const read = (list: tf.Variable[] | Float32Array[], sizes: number[], what: string) => {
      if (list.length !== sizes.length)
        throw new Error(`ParallelReplicas.setWeights: got ${list.length} ${what} weights, the replicas have ${sizes.length}`);
      return list.map((v, i) => {
        const values = v instanceof Float32Array ? v : (v.dataSync() as Float32Array);
        if (values.length !== sizes[i])
          throw new Error(`ParallelReplicas.setWeights: ${what} weight ${i} has ${values.length} values, the replicas ${sizes[i]}`);
        return values;
      });
    };
    this.pendingWeights = { trainable: read(variables, this.sizes, 'trainable'), averaged: read(averaged, this.averagedSizes, 'averaged') };
  }

  /**
   * One forward and backward pass: worker i gets `shards[i]` and returns its outputs;
   * `loss` gets every worker's outputs (`outputs[i][k]`, output k of worker i) and joins
   * them on the main thread. Returns the loss and the gradients of the replicas'
   * variables, summed.
   */
  async forwardBackward(
    shards: tf.Tensor[][],
    loss: (outputs: tf.Tensor[][]) => tf.Scalar,
    seed = 0,
  ): Promise<{ loss: number; gradients: Float32Array[] }> {
    if (shards.length !== this.handles.length) {
      throw new Error(`ParallelReplicas.forwardBackward: expected ${this.handles.length} shards (one per worker), got ${shards.length}`);
    }
    const weights = this.pendingWeights;
    this.pendingWeights = undefined;
    // Each worker's forward context: the step's seed and where its slice lies in the batch.
    const sizes = shards.map((shard) => shard[0]?.shape[0] ?? 0);
    const batchSize = sizes.reduce((a, b) => a + b, 0);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const outputs = this.handles.map((h) => this.next<{ outputs: WireTensor[] }>(h, 'outputs'));
    const gradients = this.handles.map((h) => this.next<{ gradients: Float32Array[] }>(h, 'gradients'));
    this.handles.forEach((handle, i) => {
      const inputs: WireTensor[] = shards[i].map((t) => ({
        values: t.dataSync() as Float32Array | Int32Array,
        shape: t.shape,
        dtype: t.dtype as 'float32' | 'int32',
      }));
      const context: ForwardContext = { seed, offset: offsets[i], batchSize };
      handle.worker.postMessage({ type: 'step', inputs, weights, context });
    });
    const received = (await Promise.all(outputs)).map((reply) => reply.outputs.map((o) => tf.tensor(o.values, o.shape, 'float32')));
    const counts = received.map((list) => list.length);
    const flat = received.flat();
    // Where worker i's outputs start in the flat list.
    const starts = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
    const { value, grads } = tf.valueAndGrads((...tensors: tf.Tensor[]) =>
      loss(counts.map((count, i) => tensors.slice(starts[i], starts[i] + count))),
    )(flat);
    this.handles.forEach((handle, i) => {
      // Copies: the cpu backend returns its own storage.
      const upstream = grads.slice(starts[i], starts[i] + counts[i]).map((g) => g.dataSync().slice() as Float32Array);
      handle.gradientPort.postMessage(
        upstream,
        upstream.map((u) => u.buffer as ArrayBuffer),
      );
      Atomics.store(handle.control, 0, 1);
      Atomics.notify(handle.control, 0);
    });
    const lossValue = value.dataSync()[0];
    tf.dispose([value, ...grads, ...flat]);
    const parts = await Promise.all(gradients);
    const summed = parts[0].gradients;
    for (const part of parts.slice(1)) {
      part.gradients.forEach((gradient, v) => {
        const total = summed[v];
        for (let k = 0; k < gradient.length; k++) total[k] += gradient[k];
      });
    }
    return { loss: lossValue, gradients: summed };
  }

  /**
   * A whole optimizer step on the main thread's master `variables`: send them to the
   * workers, run `forwardBackward`, apply the summed gradients. Returns the loss.
   */
  async step(args: {
    variables: tf.Variable[];
    /** The main thread's averaged (momentum) weights, sent with the trainable ones. */
    averaged?: tf.Variable[];
    optimizer: tf.Optimizer;
    shards: tf.Tensor[][];
    /** The step's seed, for the workers' dropout (`ForwardContext`). Default 0. */
    seed?: number;
    loss: (outputs: tf.Tensor[][]) => tf.Scalar;
    /** Clip the summed gradients to this global L2 norm. Default: no clipping. */
    clipGradientNorm?: number;
  }): Promise<number> {
    this.setWeights(args.variables, args.averaged);
    const { loss, gradients } = await this.forwardBackward(args.shards, args.loss, args.seed);
    tf.tidy(() => {
      const named: tf.NamedTensorMap = {};
      args.variables.forEach((v, i) => {
        named[v.name] = tf.tensor(gradients[i], v.shape);
      });
      args.optimizer.applyGradients(args.clipGradientNorm === undefined ? named : clipByGlobalNorm(named, args.clipGradientNorm).gradients);
    });
    return loss;
  }

  /**
   * The replica's `stateVariables()` (batch-norm moving statistics) as worker 0 has them,
   * assigned to `variables` (the main thread's copy) when given.
   *
   * @example
   * await replicas.pullState(master.stateVariables()); // before evaluating or saving the model
   */
  async pullState(variables?: tf.Variable[]): Promise<Float32Array[]> {
    const handle = this.handles[0];
    const reply = this.next<{ state: Float32Array[] }>(handle, 'state');
    handle.worker.postMessage({ type: 'pull-state' });
    const { state } = await reply;
    if (variables) {
      if (variables.length !== state.length) {
        throw new Error(`ParallelReplicas.pullState: the replicas have ${state.length} state variables, got ${variables.length} to assign`);
      }
      tf.tidy(() => {
        variables.forEach((v, i) => {
          v.assign(tf.tensor(state[i], v.shape));
        });
      });
    }
    return state;
  }

  /**
   * Sets the replicas' `stateVariables()` in every worker to `variables`' values (the main
   * thread's, e.g. restored from a checkpoint), before their next step.
   *
   * @example
   * replicas.pushState(movingStatistics(method)); // after a resume
   */
  pushState(variables: tf.Variable[]): void {
    const state = variables.map((v) => v.dataSync().slice() as Float32Array);
    for (const handle of this.handles) handle.worker.postMessage({ type: 'push-state', state });
  }

  /** Stops the workers. */
  async dispose(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.worker.terminate()));
    for (const h of this.handles) h.gradientPort.close();
  }

  private next<T>(handle: WorkerHandle, type: string): Promise<T> {
    if (handle.failure) return Promise.reject(handle.failure);
    return new Promise<T>((resolve, reject) => handle.waiting.set(type, { resolve: resolve as (m: never) => void, reject }));
  }
}
