import { buildVocabulary, type Vocabulary } from '../vocabulary/vocabulary.js';
import { type EncodedSentences, encodeSentences } from './encode-sentences.js';
import { initialVectors } from './fast-random.js';
import { negativeSamplingTable, subsamplingThresholds } from './sampling-tables.js';
import type { ResolvedWord2VecOptions } from './word2vec-defaults.js';

/** Everything a run needs before its first step. */
export interface PreparedWord2Vec {
  vocabulary: Vocabulary;
  sentences: EncodedSentences;
  negativeTable: Uint32Array;
  keepThresholds: Uint32Array | null;
  /** Initial input vectors, uniform in [-0.5, 0.5) / dimension. */
  input: Float32Array;
  /** Initial output vectors: zeros. */
  output: Float32Array;
}

/**
 * Builds the vocabulary (min count, most frequent first), encodes the sentences, and makes
 * the sampling tables and the initial weights; `allocate` gives the weight arrays (plain, or
 * on a SharedArrayBuffer for worker threads).
 *
 * @example
 * const prepared = prepareWord2Vec('trainWord2Vec', sentences, resolveWord2VecOptions('trainWord2Vec', {}));
 */
export function prepareWord2Vec(
  fn: string,
  sentences: readonly (readonly string[])[],
  options: ResolvedWord2VecOptions,
  allocate: (length: number) => Float32Array = (length) => new Float32Array(length),
): PreparedWord2Vec {
  if (!Array.isArray(sentences))
    throw new Error(`${fn}: sentences must be an array of word arrays, got ${sentences === null ? 'null' : typeof sentences}`);
  for (let s = 0; s < sentences.length; s++) {
    if (!Array.isArray(sentences[s]))
      throw new Error(`${fn}: sentences[${s}] must be an array of words, got ${sentences[s] === null ? 'null' : typeof sentences[s]}`);
  }
  const vocabulary = buildVocabulary(sentences, { minCount: options.minCount });
  if (vocabulary.size === 0) {
    const words = sentences.reduce((sum, sentence) => sum + sentence.length, 0);
    throw new Error(
      `${fn}: no word of the ${words} words of sentences is seen options.minCount (${options.minCount}) times; lower minCount or give more text`,
    );
  }
  const encoded = encodeSentences(sentences, vocabulary);
  const size = vocabulary.size * options.dimension;
  const input = initialVectors(vocabulary.size, options.dimension, options.seed, allocate(size));
  const output = allocate(size);
  output.fill(0);
  return {
    vocabulary,
    sentences: encoded,
    negativeTable: negativeSamplingTable(vocabulary.counts, options.nsExponent),
    keepThresholds: options.sample > 0 ? subsamplingThresholds(vocabulary.counts, options.sample) : null,
    input,
    output,
  };
}
