export { BYTE_TO_UNICODE, byteLevelPieces, GPT2_PATTERN, UNICODE_TO_BYTE } from './byte-level.js';
export { bertPreTokenize } from './bert-pre-tokenize.js';
export { CharacterTokenizer, type CharacterTokenizerJson, type TrainCharacterTokenizerOptions } from './character-tokenizer.js';
export { countWords } from './count-words.js';
export { type LearnedMerges, type LearnMergesOptions, learnMerges } from './merge-pairs.js';
export { bertUncasedFiles, gpt2Files } from './pretrained-vocabularies.js';
export { type DecodeOptions, type EncodeOptions, TextTokenizer } from './text-tokenizer.js';
export {
  type AddedTokenJson,
  BERT_SPECIAL_TOKENS,
  type BpeModelJson,
  byteLevelBpeFiles,
  type TokenizerConfigJson,
  type TokenizerFiles,
  type TokenizerJson,
  type WordPieceModelJson,
  wordPieceFiles,
} from './tokenizer-json.js';
export { BYTE_LEVEL_BPE_DEFAULTS, type TrainByteLevelBpeOptions, trainByteLevelBpe } from './train-byte-level-bpe.js';
export { type TrainWordPieceOptions, trainWordPiece, WORDPIECE_DEFAULTS } from './train-wordpiece.js';
