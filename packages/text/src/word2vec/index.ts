// Word2Vec (Mikolov et al. 2013) on typed arrays: skip-gram and CBOW with negative sampling,
// gensim's semantics and defaults; nearest neighbours, analogies, and the word2vec text and
// binary formats as pure functions. Browser-safe; the worker-thread trainer and file I/O are
// in ../node.ts.
export {
  type AnalogyEvaluation,
  type AnalogyQuestion,
  type AnalogySectionScore,
  evaluateAnalogies,
  type EvaluateAnalogiesOptions,
  parseAnalogies,
} from './evaluate-analogies.js';
export { type EncodedSentences, encodeSentences, splitSentenceRanges } from './encode-sentences.js';
export { initialVectors, nextUint32, word2vecSeed } from './fast-random.js';
export { float32Text } from './float32-text.js';
export { linearAlpha } from './learning-rate.js';
export { analogy, mostSimilar, type Neighbour, type SimilarityOptions } from './most-similar.js';
export { negativeSamplingStep } from './negative-sampling-step.js';
export {
  drawFromTable,
  drawWithGuide,
  keepProbability,
  NEGATIVE_TABLE_DOMAIN,
  negativeSamplingGuide,
  negativeSamplingTable,
  subsamplingThresholds,
} from './sampling-tables.js';
export { trainWord2Vec } from './train-word2vec.js';
export { wordSentences, wordTokens } from './word-tokens.js';
export { WordVectors } from './word-vectors.js';
export { parseWord2VecBinary, serializeWord2VecBinary } from './word2vec-binary-format.js';
export { type ResolvedWord2VecOptions, WORD2VEC_DEFAULTS, type Word2VecOptions } from './word2vec-defaults.js';
export { drawTargets, trainPass, type Word2VecKernel, type Word2VecPassResult, type Word2VecSchedule } from './word2vec-kernel.js';
export type { Word2VecModel } from './word2vec-model.js';
export type { Word2VecProgress } from './word2vec-progress.js';
export { parseWord2VecText, serializeWord2VecText } from './word2vec-text-format.js';
