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
 * arrays of words (tokenize and lower-case them first); windows never cross them.
 *
 * @example
 * const sentences = texts.map((text) => text.toLowerCase().match(/[a-z]+/g) ?? []);
 * const { vectors, costs } = trainGlove(sentences, { vectorSize: 50, windowSize: 10, epochs: 15 });
 * vectors.mostSimilar('whale', 5);
 */
export function trainGlove(sentences: readonly (readonly string[])[], options: TrainGloveOptions = {}): GloveResult {
  if (!Array.isArray(sentences))
    throw new Error(`trainGlove: sentences must be an array of word arrays, got ${sentences === null ? 'null' : typeof sentences}`);
  const vocabulary = buildVocabulary(sentences, {
    minCount: options.minCount ?? GLOVE_DEFAULTS.minCount,
    maxSize: options.maxVocabularySize ?? Number.POSITIVE_INFINITY,
  });
  if (vocabulary.size === 0)
    throw new Error(`trainGlove: no word is seen options.minCount = ${options.minCount ?? GLOVE_DEFAULTS.minCount} times; lower it`);
  const cooccurrences = countCooccurrences(
    sentences.map((sentence) => vocabulary.encode(sentence)),
    vocabulary.size,
    options,
  );
  const { parameters, costs } = fitGlove(cooccurrences, options);
  const vectors = new WordVectors(vocabulary.words, parameters.vectorSize, parameters.wordVectors());
  return { vocabulary, cooccurrences, parameters, costs, vectors };
}
