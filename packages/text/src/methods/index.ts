// Text pre-training methods on the core's method contract.
export { type BartDenoisingOptions, bartDenoising } from './bart-denoising.js';
export { type CausalLanguageModelingOptions, causalLanguageModeling } from './causal-language-modeling.js';
export { maskedAccuracy } from './masked-accuracy.js';
export { type MaskedLanguageModelingOptions, maskedLanguageModeling } from './masked-language-modeling.js';
export {
  type CorruptedSequence,
  type SequenceToSequenceMethodOptions,
  sequenceToSequenceMethod,
  sequenceToSequenceTensors,
} from './sequence-to-sequence-method.js';
export { type SpanCorruptionDenoisingOptions, spanCorruptionDenoising, spanCorruptionLengths } from './span-corruption-denoising.js';
export type { TextMethod, TokenSequences } from './text-method.js';
