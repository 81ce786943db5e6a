// Evaluation of frozen text encoders, browser-safe: their features (pooled hidden states),
// the bag-of-words baseline and the labelled probe tasks; the probes themselves are the
// core's (linearProbe, knnEvaluate). Reading the tasks' corpora is in ../node.ts.
export { BAG_OF_WORDS_DEFAULTS, type BagOfWords, type BagOfWordsOptions, bagOfWordsTokens, fitBagOfWords } from './bag-of-words.js';
export { encoderInputIds, type TextObjectiveName } from './encoder-input-ids.js';
export {
  TEXT_EMBEDDINGS_DEFAULTS,
  type TextEmbeddingsOptions,
  type TextEncoderKind,
  type TextPooling,
  textEmbeddings,
  textEncoderKind,
} from './text-embeddings.js';
export {
  type LabelledTexts,
  TEXT_PROBE_TASKS,
  type TextProbeSplit,
  type TextProbeTask,
  type TextProbeTaskName,
  textProbeSplit,
} from './text-probe-tasks.js';
