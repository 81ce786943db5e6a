import type { GloveStepOptions } from './glove-adagrad-step.js';

/** What `fitGloveParallel` hands each worker thread: shared buffers and the step's hyperparameters. */
export interface GloveWorkerData {
  vocabSize: number;
  step: GloveStepOptions;
  /** The weights then the squared-gradient sums, float64 (`GloveParameters.bytes`). */
  parameters: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  columns: SharedArrayBuffer;
  values: SharedArrayBuffer;
  /** The epoch's order of the entries, uint32, rewritten by the main thread before each epoch. */
  order: SharedArrayBuffer;
}
