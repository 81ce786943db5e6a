// The training engine, browser-safe: its file, thread and terminal parts are in ../node.ts.
export type { ForwardContext, LossOutput, Method, StepContext } from './method.js';
export { splitExamples } from './optimizer-step.js';
export { methodLoss } from './method-loss.js';
export { evaluateMethod, type MethodEvaluation } from './evaluate-method.js';
export { definedOnly, trainableVariablesOf } from './method-parts.js';
export { type BatchLoaderOptions, type BatchRequest, type BatchSource, batchLoader } from './batch-loader.js';
export type { CheckpointContents, LoadedCheckpoint, NamedTensor } from './checkpoint.js';
export type { CheckpointManifest } from './checkpoint-manifest.js';
export type { ProgressOptions, ProgressStream, StepReport } from './progress.js';
export type { Evaluation, TrainerCallback, TrainOptions, TrainResult } from './train-options.js';
export { train } from './trainer.js';
export type { RunStore, StopTrigger } from './run-store.js';
export { COLLAPSE_MONITOR_DEFAULTS, type CollapseMonitorOptions, collapseMonitor } from './collapse-monitor.js';
export { splitTornLine } from './torn-line.js';
export { CheckpointError, CheckpointWriteError, DataSourceError, TrainingDivergedError } from './training-errors.js';
export { countNonFinite } from './non-finite-values.js';
