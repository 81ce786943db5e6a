import type { Vocabulary } from '../vocabulary/vocabulary.js';
import type { WordVectors } from './word-vectors.js';
import type { ResolvedWord2VecOptions } from './word2vec-defaults.js';

/** What `trainWord2Vec` and `trainWord2VecParallel` return. */
export interface Word2VecModel {
  /** The trained input vectors (syn0), one per vocabulary word, most frequent first: what gensim saves. */
  vectors: WordVectors;
  /** The words and their counts. */
  vocabulary: Vocabulary;
  /** The output vectors (syn1neg), `vocabulary.size x dimension`. */
  outputVectors: Float32Array;
  /** The options the run used, defaults filled in. */
  options: ResolvedWord2VecOptions;
  /**
   * Per epoch, the negative-sampling objective averaged over the epoch's updates (skip-gram
   * pairs, CBOW centre words); empty unless `computeLoss`.
   */
  losses: number[];
  /** Corpus words trained over all epochs (before subsampling, unknown words included). */
  words: number;
  /** Seconds the epochs took (not the vocabulary and tables before them). */
  seconds: number;
  /** `words / seconds`. */
  wordsPerSecond: number;
}
