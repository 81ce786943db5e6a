import { BYTE_TO_UNICODE, byteLevelPieces } from './byte-level.js';
import { countWords } from './count-words.js';
import { learnMerges } from './merge-pairs.js';
import { byteLevelBpeFiles, type TokenizerFiles } from './tokenizer-json.js';

/** Defaults of `trainByteLevelBpe`. */
export const BYTE_LEVEL_BPE_DEFAULTS = Object.freeze({
  /** GPT-2's end-of-text token, id 0 here (GPT-2 has it last, 50256). */
  specialTokens: Object.freeze(['<|endoftext|>']) as readonly string[],
  /** A pair seen once would only memorise one word. */
  minFrequency: 2,
});

export interface TrainByteLevelBpeOptions {
  /** Tokens of the result: special tokens + 256 bytes + merges. At least specialTokens + 256. */
  vocabSize: number;
  /** Default 2. */
  minFrequency?: number;
  /** Default ['<|endoftext|>']. */
  specialTokens?: readonly string[];
}

/**
 * Trains a byte-level BPE tokenizer (GPT-2, Radford et al. 2019) on `texts` and returns its
 * Hugging Face `tokenizer.json` + `tokenizer_config.json`: texts are split with GPT-2's
 * pattern, each piece is written as bytes through the byte-to-unicode table, and BPE merges
 * are learned on the distinct pieces (`learnMerges`). The vocabulary is the special tokens,
 * then all 256 byte characters in byte order (so any text encodes, never to an unknown
 * token), then one token per merge. Encode with `TextTokenizer.fromFiles(files)`.
 *
 * @example
 * const files = trainByteLevelBpe(sentences, { vocabSize: 2000 });
 * const tokenizer = TextTokenizer.fromFiles(files);
 * tokenizer.decode(tokenizer.encode('Call me Ishmael.')); // 'Call me Ishmael.'
 */
export function trainByteLevelBpe(texts: Iterable<string>, options: TrainByteLevelBpeOptions): TokenizerFiles {
  const specialTokens = options.specialTokens ?? BYTE_LEVEL_BPE_DEFAULTS.specialTokens;
  const minimum = specialTokens.length + 256;
  if (!Number.isInteger(options.vocabSize) || options.vocabSize < minimum) {
    throw new Error(`trainByteLevelBpe: vocabSize must be an integer of at least ${minimum} (special tokens + 256 bytes), got ${options.vocabSize}`);
  }
  const words = countWords(texts, byteLevelPieces);
  const { tokens, merges } = learnMerges(
    [...words].map(([word, count]) => [[...word], count]),
    [...specialTokens, ...BYTE_TO_UNICODE],
    { vocabSize: options.vocabSize, minFrequency: options.minFrequency ?? BYTE_LEVEL_BPE_DEFAULTS.minFrequency },
  );
  return byteLevelBpeFiles({ tokens, merges, specialTokens });
}
