// Batch sources of tokenized text for the trainer.
export { type TokenWindowsOptions, tokenWindows } from './token-windows.js';
export { type SentenceBlocks, type SentenceBlocksOptions, sentenceBlocks } from './sentence-blocks.js';
export { type SentencePair, type SentencePairs, type SentencePairsOptions, sentencePairs } from './sentence-pairs.js';
