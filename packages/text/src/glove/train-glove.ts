import { buildVocabulary, type Vocabulary } from '../vocabulary/vocabulary.js';
import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { type CountCooccurrencesOptions, countCooccurrences } from './count-cooccurrences.js';
import { fitGlove } from './fit-glove.js';
import { GLOVE_DEFAULTS } from './glove-defaults.js';
import type { FitGloveOptions } from './glove-options.js';
import type { GloveParameters } from './glove-parameters.js';
import { WordVectors } from '../word2vec/word-vectors.js';

/** Options of `trainGlove`: the vocabulary's, the counting's and the fit's. */
export interface TrainGloveOptions extends CountCooccurrencesOptions, FitGloveOptions {
  /** Words seen fewer times are dropped before windowing. Default 5. */
  minCount?: number;
  /** Keep at most this many words, the most frequent. Default: no limit. */
  maxVocabularySize?: number;
}

/** What `trainGlove` returns. */
export interface GloveResult {
  vocabulary: Vocabulary;
  cooccurrences: CooccurrenceMatrix;
  parameters: GloveParameters;
  /** Each epoch's cost, as glove.c prints it. */
  costs: number[];
  /** W + W~ for every vocabulary word (glove.c's saved vectors). */
  vectors: WordVectors;
}

/**
 * GloVe end to end on one thread, as the reference's pipeline (`vocab_count`, `cooccur`,
 * `shuffle`, `glove`): builds the vocabulary (min count 5), counts the windowed,
 * distance-weighted co-occurrences of each sentence's known words, fits the weighted
 * least-squares objective with AdaGrad, and returns the vectors W + W~. `sentences` are
 * arrays of words (e.g. `wordSentences(texts)`); windows never cross them. Node's
 * `trainGloveParallel` does the same on several threads.
 *
 * @example
 * const { vectors, costs } = trainGlove(wordSentences(texts), { vectorSize: 50, windowSize: 10, epochs: 15 });
 * vectors.mostSimilar('whale', 5);
 */
export function trainGlove(sentences: readonly (readonly string[])[], options: TrainGloveOptions = {}): GloveResult {
  const { vocabulary, cooccurrences } = prepareGlove('trainGlove', sentences, options);
  const { parameters, costs } = fitGlove(cooccurrences, options);
  return { vocabulary, cooccurrences, parameters, costs, vectors: gloveWordVectors(vocabulary, parameters) };
}

/**
 * The vocabulary and the co-occurrence matrix of `sentences`: `trainGlove`'s first two
 * steps.
 *
 * @example
 * const { vocabulary, cooccurrences } = prepareGlove('trainGlove', sentences, { minCount: 5, windowSize: 10 });
 */
export function prepareGlove(
  caller: string,
  sentences: readonly (readonly string[])[],
  options: TrainGloveOptions,
): { vocabulary: Vocabulary; cooccurrences: CooccurrenceMatrix } {
  if (!Array.isArray(sentences))
    throw new Error(`${caller}: sentences must be an array of word arrays, got ${sentences === null ? 'null' : typeof sentences}`);
  const minCount = options.minCount ?? GLOVE_DEFAULTS.minCount;
  const vocabulary = buildVocabulary(sentences, { minCount, maxSize: options.maxVocabularySize ?? Number.POSITIVE_INFINITY });
  if (vocabulary.size === 0) throw new Error(`${caller}: no word is seen options.minCount = ${minCount} times; lower it`);
  const cooccurrences = countCooccurrences(
    sentences.map((sentence) => vocabulary.encode(sentence)),
    vocabulary.size,
    options,
  );
  return { vocabulary, cooccurrences };
}

/**
 * The saved vectors W + W~ of `parameters` as `WordVectors` for `vocabulary`'s words.
 *
 * @example
 * gloveWordVectors(vocabulary, parameters).mostSimilar('whale', 5);
 */
export function gloveWordVectors(vocabulary: Vocabulary, parameters: GloveParameters): WordVectors {
  return new WordVectors(vocabulary.words, parameters.vectorSize, parameters.wordVectors());
}
