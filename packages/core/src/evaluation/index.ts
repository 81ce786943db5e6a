// Evaluation of frozen encoders: embedding extraction, kNN, linear probe, collapse monitors.
export { type FeatureMatrix, type Features, type Labels, readFeatures, readLabels } from './feature-matrix.js';
export {
  type Encoder,
  EXTRACT_EMBEDDINGS_DEFAULTS,
  type ExtractEmbeddingsOptions,
  extractEmbeddings,
} from './extract-embeddings.js';
export {
  KNN_DEFAULTS,
  KNN_LIGHTLY,
  KNN_SOLO_LEARN,
  type KnnClassifyOptions,
  type KnnEvaluateOptions,
  type KnnEvaluation,
  knnClassify,
  knnEvaluate,
} from './knn-classifier.js';
export {
  fitLogisticRegression,
  LOGISTIC_REGRESSION_DEFAULTS,
  type LogisticRegressionModel,
  type LogisticRegressionOptions,
  predictLogisticRegression,
} from './logistic-regression.js';
export {
  LINEAR_PROBE_DEFAULTS,
  type LinearProbeOptions,
  type LinearProbeResult,
  linearProbe,
} from './linear-probe.js';
export { type StratifiedSampleOptions, stratifiedSample } from './stratified-sample.js';
export { meanDimensionStd } from './mean-dimension-std.js';
export { symmetricEigenvalues } from './symmetric-eigenvalues.js';
export { effectiveRank } from './effective-rank.js';
export {
  ALIGNMENT_DEFAULTS,
  type AlignmentOptions,
  alignment,
  UNIFORMITY_DEFAULTS,
  type UniformityOptions,
  uniformity,
} from './alignment-uniformity.js';
export {
  COLLAPSE_THRESHOLDS,
  type CollapseReport,
  collapseReport,
} from './collapse-report.js';
