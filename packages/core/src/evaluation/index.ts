// Evaluation of frozen encoders: embedding extraction, kNN, linear probe, collapse monitors.
export { type FeatureMatrix, type Features, type Labels, readFeatures, readLabels } from './feature-matrix.js';
export {
  type Encoder,
  EXTRACT_EMBEDDINGS_DEFAULT_BATCH_SIZE,
  type ExtractEmbeddingsOptions,
  extractEmbeddings,
} from './extract-embeddings.js';
export {
  KNN_DEFAULT_CHUNK_SIZE,
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
  LOGISTIC_REGRESSION_DEFAULT_BATCH_SIZE,
  LOGISTIC_REGRESSION_DEFAULT_EPOCHS,
  LOGISTIC_REGRESSION_DEFAULT_LEARNING_RATE,
  type LogisticRegressionModel,
  type LogisticRegressionOptions,
  predictLogisticRegression,
} from './logistic-regression.js';
export {
  LINEAR_PROBE_VALIDATION_FRACTION,
  LINEAR_PROBE_WEIGHT_DECAYS,
  type LinearProbeOptions,
  type LinearProbeResult,
  linearProbe,
} from './linear-probe.js';
export { type StratifiedSampleOptions, stratifiedSample } from './stratified-sample.js';
export { meanDimensionStd } from './mean-dimension-std.js';
export { symmetricEigenvalues } from './symmetric-eigenvalues.js';
export { effectiveRank } from './effective-rank.js';
export {
  ALIGNMENT_DEFAULT_ALPHA,
  type AlignmentOptions,
  alignment,
  UNIFORMITY_DEFAULT_T,
  type UniformityOptions,
  uniformity,
} from './alignment-uniformity.js';
export {
  COLLAPSE_EFFECTIVE_RANK,
  COLLAPSE_STD_FRACTION,
  type CollapseReport,
  collapseReport,
} from './collapse-report.js';
