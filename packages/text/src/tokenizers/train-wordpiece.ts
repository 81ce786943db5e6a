import { bertPreTokenize } from './bert-pre-tokenize.js';
import { countWords } from './count-words.js';
import { learnMerges } from './merge-pairs.js';
import { BERT_SPECIAL_TOKENS, type TokenizerFiles, wordPieceFiles } from './tokenizer-json.js';

/** Defaults of `trainWordPiece`. */
export const WORDPIECE_DEFAULTS = Object.freeze({
  /** bert-base-uncased: lower-cased, accents stripped. */
  lowercase: true,
  minFrequency: 2,
  /**
   * Characters kept in the initial alphabet, the most frequent first (Hugging Face's
   * `limit_alphabet`, 1000 in its BertWordPieceTokenizer): rare characters become [UNK]
   * instead of taking vocabulary slots.
   */
  limitAlphabet: 1000,
});

export interface TrainWordPieceOptions {
  /** Tokens of the result: 5 special tokens + alphabet + merges. */
  vocabSize: number;
  /** Default true. */
  lowercase?: boolean;
  /** Default 2. */
  minFrequency?: number;
  /** Default 1000. */
  limitAlphabet?: number;
}

/**
 * Trains a WordPiece vocabulary (BERT, Devlin et al. 2019) on `texts` and returns its Hugging
 * Face `tokenizer.json` + `tokenizer_config.json`. As Hugging Face's `WordPieceTrainer`
 * does, the vocabulary is learned with BPE merges over BERT-pre-tokenized words whose
 * non-initial characters carry the '##' prefix ('ship' -> 'S', '##h', '##i', '##p'), the merge
 * of 'a' and '##b' being 'ab'. The vocabulary is [PAD] [UNK] [CLS] [SEP] [MASK], the alphabet
 * (initial and '##' characters, sorted), then one token per merge; encoding is WordPiece's
 * greedy longest match. Encode with `TextTokenizer.fromFiles(files)`.
 *
 * @example
 * const files = trainWordPiece(sentences, { vocabSize: 4000 });
 * TextTokenizer.fromFiles(files).tokenize('Call me Ishmael.'); // ['call', 'me', 'is', '##hma', '##el', '.']
 */
export function trainWordPiece(texts: Iterable<string>, options: TrainWordPieceOptions): TokenizerFiles {
  const lowercase = options.lowercase ?? WORDPIECE_DEFAULTS.lowercase;
  const limitAlphabet = options.limitAlphabet ?? WORDPIECE_DEFAULTS.limitAlphabet;
  const specialTokens = Object.values(BERT_SPECIAL_TOKENS);
  if (!Number.isInteger(options.vocabSize) || options.vocabSize <= specialTokens.length) {
    throw new Error(`trainWordPiece: vocabSize must be an integer above ${specialTokens.length}, got ${options.vocabSize}`);
  }
  const words = countWords(texts, (text) => bertPreTokenize(text, { lowercase }));

  // The alphabet: the `limitAlphabet` most frequent characters (ties by code point).
  const characterCounts = new Map<string, number>();
  for (const [word, count] of words) for (const character of word) characterCounts.set(character, (characterCounts.get(character) ?? 0) + count);
  const kept = new Set(
    [...characterCounts]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))
      .slice(0, limitAlphabet)
      .map(([character]) => character),
  );
  const symbolWords: [string[], number][] = [];
  for (const [word, count] of words) {
    const characters = [...word];
    // A word with a dropped character is [UNK] whole when encoded: nothing to learn from it.
    if (!characters.every((character) => kept.has(character))) continue;
    symbolWords.push([characters.map((character, i) => (i === 0 ? character : `##${character}`)), count]);
  }
  const alphabet = new Set<string>();
  for (const [symbols] of symbolWords) for (const symbol of symbols) alphabet.add(symbol);
  const { tokens } = learnMerges(symbolWords, [...specialTokens, ...[...alphabet].sort()], {
    vocabSize: options.vocabSize,
    minFrequency: options.minFrequency ?? WORDPIECE_DEFAULTS.minFrequency,
    continuingSubwordPrefix: '##',
  });
  return wordPieceFiles({ tokens, lowercase });
}
