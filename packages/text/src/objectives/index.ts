// Pre-training objectives as pure, seeded collators (browser-safe): BERT's masked language
// modelling and next sentence prediction, T5's span corruption, BART's denoising, and the
// padding of sequences into [B, T] int32 tensors.
export { type BartNoisedDocument, type BartNoiseOptions, BART_NOISE_DEFAULTS, bartNoise } from './bart-noise.js';
export { type BertTokenIds, bertTokenIds } from './bert-token-ids.js';
export { MASK_TOKENS_DEFAULTS, type MaskedTokens, type MaskTokensOptions, maskTokens } from './mask-tokens.js';
export { NEXT_SENTENCE_DEFAULTS, type NextSentencePair, type NextSentencePairsOptions, nextSentencePairs } from './next-sentence-pairs.js';
export { PACK_SENTENCE_PAIR_DEFAULTS, type PackedSentencePair, type PackSentencePairOptions, packSentencePair } from './pack-sentence-pair.js';
export { type PadBatchOptions, type PaddedBatch, type PadSequencesOptions, padBatch, padSequences } from './pad-batch.js';
export { poissonSpanLengths } from './poisson-span-lengths.js';
export {
  type NoiseSpanCounts,
  noiseSpanCounts,
  RANDOM_SPANS_DEFAULTS,
  type RandomSpansOptions,
  randomSpansNoiseMask,
} from './random-spans-noise-mask.js';
export { roundHalfEven } from './round-half-even.js';
export { type SelectWholeWordsOptions, selectWholeWords } from './select-whole-words.js';
export {
  SPAN_CORRUPTION_DEFAULTS,
  type SpanCorruptedTokens,
  type SpanCorruptionOptions,
  spanCorruption,
  spanCorruptionFromMask,
} from './span-corruption.js';
export { insertMasks, type TextInfillingOptions, textInfilling } from './text-infilling.js';
