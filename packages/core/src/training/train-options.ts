// What `train()` takes and returns: the run's options, its callbacks and evaluations, its result.
import type * as tf from '../tf.js';
import type { ParallelReplicas } from '../parallel/parallel-replicas.js';
import type { BatchSource } from './batch-loader.js';
import type { Method } from './method.js';
import type { StepReport } from './progress.js';
import type { RunStore, StopTrigger } from './run-store.js';

/** A periodic evaluation: every `every` steps, `run` returns figures for metrics.jsonl. */
export interface Evaluation {
  every: number;
  run: (step: number) => Promise<Record<string, number>> | Record<string, number>;
}

/** Called by the trainer at named points; every hook is optional. */
export interface TrainerCallback {
  onStep?(report: StepReport): void | Promise<void>;
  onCheckpoint?(info: { step: number; path: string }): void | Promise<void>;
  /** After `resume: true` restored the run from a checkpoint, before its first step: the step it continues from. */
  onResume?(info: { step: number; path: string }): void | Promise<void>;
  onEnd?(result: TrainResult): void | Promise<void>;
}

export interface TrainOptions<Batch> {
  method: Method<Batch>;
  data: BatchSource<Batch>;
  optimizer: tf.Optimizer;
  /** Learning rate per step; overrides the optimizer's own rate before every step. */
  schedule?: (step: number) => number;
  /** Total optimizer steps; or give `epochs` (needs `data.batchesPerEpoch`). */
  steps?: number;
  epochs?: number;
  /** One seed for initialisation order, data order, augmentation and masking. Default 0. */
  seed?: number;
  /** Where checkpoints and the metrics log go (`fileRunStore(dir)` in Node). Without it nothing is saved. */
  store?: RunStore;
  /** Checkpoint every this many steps (and always at the end). Default 100. */
  checkpointEvery?: number;
  /** Continue from the latest checkpoint in `store`, if there is one. */
  resume?: boolean;
  /** Clip gradients to this global L2 norm. Default: no clipping. */
  clipGradientNorm?: number;
  /** Examples per batch, for the throughput figure. */
  batchSize?: number;
  /** Periodic evaluations (probes, collapse monitors): their figures go to metrics.jsonl and the step report. */
  evaluate?: Evaluation | Evaluation[];
  callbacks?: TrainerCallback[];
  /**
   * Run `forward` and its backward pass on worker threads (`ParallelReplicas.forMethod`),
   * each on a slice of the batch's examples; `loss` sees the joined outputs. The update is
   * the one of a single thread up to batch-norm statistics (each worker normalises its
   * slice); the variables, optimizer, state and checkpoints stay on the main thread.
   */
  replicas?: ParallelReplicas;
  /** The run's configuration, stored in every checkpoint. */
  config?: Record<string, unknown>;
  /** A stop request (`processSignals` for Ctrl-C in Node): the run saves a checkpoint and returns 'interrupted'. */
  stopOn?: StopTrigger;
}

export interface TrainResult {
  status: 'completed' | 'interrupted';
  /** Steps taken in total (including those before a resume). */
  steps: number;
  /** Loss of each step run in this call. */
  losses: number[];
  lastCheckpoint?: string;
}
