// GloVe (Pennington, Socher and Manning 2014), browser-safe: windowed, distance-weighted
// co-occurrence counts, the weighted least-squares objective and glove.c's AdaGrad on one
// thread, GloVe's text format (the vectors are Word2Vec's WordVectors, with cosine neighbours). The multi-threaded
// runner and the file helpers are in ../node.ts.
export { type CooccurrenceMatrix, cooccurrenceValue } from './cooccurrence-matrix.js';
export { CooccurrenceTable } from './cooccurrence-table.js';
export { type CountCooccurrencesOptions, countCooccurrences } from './count-cooccurrences.js';
export { type FitGloveResult, fitGlove } from './fit-glove.js';
export { type GloveStepOptions, gloveAdagradStep } from './glove-adagrad-step.js';
export { GLOVE_DEFAULTS } from './glove-defaults.js';
export { gloveEpochOrder } from './glove-epoch-order.js';
export { gloveEpochSlice } from './glove-epoch-slice.js';
export {
  type GloveEntryGradients,
  type GloveEntryTerms,
  type GloveWeighting,
  gloveEntry,
  gloveEntryGradients,
  gloveWeight,
} from './glove-objective.js';
export type { FitGloveOptions, GloveProgress } from './glove-options.js';
export { GloveParameters } from './glove-parameters.js';
export { type FormatGloveTextOptions, formatGloveText, parseGloveText } from './glove-text-format.js';
export { type GloveResult, gloveWordVectors, type TrainGloveOptions, trainGlove } from './train-glove.js';
