// @selfsup/core/node: the parts of the core that need Node: checkpoints and run
// directories on disk, worker threads, signal handling, the terminal progress bar, atomic
// file writes. The trainer takes them from its caller (`store`, `stopOn`, `replicas`,
// `callbacks`), so the root entry stays browser-safe.
export {
  readCheckpoint,
  readLatestCheckpoint,
  writeCheckpoint,
} from './training/checkpoint.js';
export { CHECKPOINT_MANIFEST, verifyCheckpointManifest } from './training/checkpoint-manifest.js';
export { LATEST_CHECKPOINT, checkpointFolderName, listCheckpointFolders, pruneCheckpoints } from './training/checkpoint-folders.js';
export { DIVERGED_SUFFIX, rewindCheckpoints } from './training/checkpoint-rewind.js';
export { RUN_STORE_FILES, fileRunStore, processSignals } from './training/file-run-store.js';
export { RUN_LOCK_FILE, type RunLock, type RunLockHolder, RunLockedError, lockRunDirectory } from './training/run-lock.js';
export { formatDuration, progressBar } from './training/progress.js';
export { PARALLEL_REPLICAS_DEFAULTS, type ParallelReplicasOptions, ParallelReplicas } from './parallel/parallel-replicas.js';
export { startModuleWorker } from './parallel/start-module-worker.js';
export { syncDirectory, writeFileAtomically } from './io/write-file-atomically.js';
