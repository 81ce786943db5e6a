export type { LossOutput, Method, StepContext } from './method.js';
export { splitExamples } from './optimizer-step.js';
export { methodLoss } from './method-loss.js';
export { type BatchLoaderOptions, type BatchRequest, type BatchSource, batchLoader } from './batch-loader.js';
export {
  type CheckpointContents,
  type LoadedCheckpoint,
  type NamedTensor,
  readCheckpoint,
  readLatestCheckpoint,
  writeCheckpoint,
} from './checkpoint.js';
export { CHECKPOINT_MANIFEST, type CheckpointManifest, verifyCheckpointManifest } from './checkpoint-manifest.js';
export { LATEST_CHECKPOINT, checkpointFolderName, listCheckpointFolders, pruneCheckpoints } from './checkpoint-folders.js';
export { formatDuration, type ProgressOptions, progressBar, type StepReport } from './progress.js';
export { type Evaluation, type TrainerCallback, type TrainOptions, type TrainResult, train } from './trainer.js';
export type { RunStore, StopTrigger } from './run-store.js';
export { RUN_STORE_FILES, fileRunStore, processSignals } from './file-run-store.js';
export { COLLAPSE_MONITOR_DEFAULT_EVERY, type CollapseMonitorOptions, collapseMonitor } from './collapse-monitor.js';
export { CheckpointError, DataSourceError, TrainingDivergedError } from './training-errors.js';
