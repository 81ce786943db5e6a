// The `selfsup` command line, also usable as a library (tests, scripts).
export { main, createProgram, CLI_VERSION } from './program.js';
export { UsageError, USAGE_EXIT_CODE } from './usage-error.js';
export { type PretrainConfig, PRETRAIN_DEFAULTS, PRETRAIN_LIMITS, CONFIG_KEYS, resolvePretrainConfig } from './pretrain-config.js';
export { probeSkipReason } from './probe-classes.js';
export { assertOneFolderLayout } from './folder-layout.js';
export { type PretrainOutcome, runPretrain } from './run-pretrain.js';
export { type RunEvaluation, evaluateRun } from './evaluate-run.js';
export { type CliDataset, type ImageSplit, type OpenedDataset, BUILT_IN_DATASETS, openDataset, openImageFolder } from './datasets.js';
export { type DatasetFingerprint, fingerprintDifferences, folderFingerprint } from './dataset-fingerprint.js';
export {
  type ProbeAccuracies,
  PROBES,
  RAW_PIXELS,
  RAW_PIXELS_MAX_DIMENSION,
  embedRows,
  embedSplit,
  probeEncoder,
  probeRawPixels,
  probeTrainRows,
} from './probes.js';
export { loadRunEncoder } from './load-encoder.js';
export { encodeNpy } from './npy.js';
export { RUN_FILES } from './run-files.js';
export { RunFileError, project2d, readRun, renderReport, writeReport } from './report/index.js';
export type { MetricsRecord, ProbeEvaluation, RunFiles, RunProjection } from './report/index.js';
