import type { FeatureMatrix } from '@selfsup/core';

/** Defaults of `fitBagOfWords`. */
export const BAG_OF_WORDS_DEFAULTS = Object.freeze({
  /** Columns: the words in most training texts. */
  maxFeatures: 2000,
  /** A word must be in at least this many training texts (scikit-learn's `min_df`). */
  minDocumentFrequency: 2,
  /** Weight counts by inverse document frequency (TF-IDF); false keeps raw counts. Both are L2-normalised. */
  tfidf: true,
});

export interface BagOfWordsOptions {
  /** Default 2000. */
  maxFeatures?: number;
  /** Default 2. */
  minDocumentFrequency?: number;
  /** Default true. */
  tfidf?: boolean;
}

/** A bag-of-words featurizer fitted on training texts: its vocabulary and weights apply unchanged to any text. */
export interface BagOfWords {
  /** The word of each column, by training document frequency (most frequent first; ties in alphabetical order). */
  vocabulary: readonly string[];
  /** The inverse document frequency of each column, or all ones without TF-IDF. */
  idf: Float64Array;
  /** [N, vocabulary.length] features of `texts`, each row L2-normalised (a text with no known word is a row of zeros). */
  transform(texts: readonly string[]): FeatureMatrix;
}

/** Words of two or more letters, digits or underscores: scikit-learn's default `token_pattern` (\b\w\w+\b). */
const WORD = /[\p{L}\p{N}_]{2,}/gu;

/**
 * The words a bag of words counts in `text`: lower-cased runs of two or more letters,
 * digits or underscores, as scikit-learn's `CountVectorizer` finds them by default.
 *
 * @example
 * bagOfWordsTokens("Don't call me, Ishmael!"); // ['don', 'call', 'me', 'ishmael']
 */
export function bagOfWordsTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * Fits the bag-of-words baseline of the text probes on training texts, as scikit-learn's
 * `TfidfVectorizer(max_features, min_df)` with its defaults otherwise, except that the
 * vocabulary is chosen by document frequency (scikit-learn ranks by total count):
 *
 * 1. words: `bagOfWordsTokens` (lower-cased, two or more word characters);
 * 2. vocabulary: the `maxFeatures` words found in the most training texts, among those in at
 *    least `minDocumentFrequency` of them;
 * 3. a text's row: the count of each vocabulary word times its smoothed inverse document
 *    frequency idf(w) = ln((1 + N) / (1 + df(w))) + 1 (N training texts; 1 without TF-IDF),
 *    divided by the row's L2 norm.
 *
 * Only the training texts choose the vocabulary and the weights: fit on the probe's
 * training split, then `transform` both splits, so nothing of the test texts leaks in.
 * Written here rather than taken from npm: `natural`'s TfIdf scores terms one document at a
 * time (no fixed vocabulary, no vectors) and brings mongoose, pg and redis with it; the
 * baseline is these few lines.
 *
 * @example
 * const bow = fitBagOfWords(split.train.texts, { maxFeatures: 2000 });
 * const trainFeatures = bow.transform(split.train.texts); // FeatureMatrix [N, 2000]
 * const testFeatures = bow.transform(split.test.texts);
 */
export function fitBagOfWords(trainTexts: readonly string[], options: BagOfWordsOptions = {}): BagOfWords {
  const fn = 'fitBagOfWords';
  const maxFeatures = options.maxFeatures ?? BAG_OF_WORDS_DEFAULTS.maxFeatures;
  const minDocumentFrequency = options.minDocumentFrequency ?? BAG_OF_WORDS_DEFAULTS.minDocumentFrequency;
  const tfidf = options.tfidf ?? BAG_OF_WORDS_DEFAULTS.tfidf;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new Error(`${fn}: maxFeatures must be a positive integer, got ${maxFeatures}`);
  if (!Number.isInteger(minDocumentFrequency) || minDocumentFrequency < 1) {
    throw new Error(`${fn}: minDocumentFrequency must be a positive integer, got ${minDocumentFrequency}`);
  }
  checkTexts(fn, 'trainTexts', trainTexts);
  const documentFrequency = new Map<string, number>();
  for (const text of trainTexts) {
    for (const word of new Set(bagOfWordsTokens(text))) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const vocabulary = [...documentFrequency]
    .filter(([, frequency]) => frequency >= minDocumentFrequency)
    .sort(([a, fa], [b, fb]) => fb - fa || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxFeatures)
    .map(([word]) => word);
  if (vocabulary.length === 0) {
    throw new Error(`${fn}: no word is in ${minDocumentFrequency} or more of the ${trainTexts.length} training texts; lower minDocumentFrequency`);
  }
  const column = new Map(vocabulary.map((word, i) => [word, i]));
  const count = trainTexts.length;
  const idf = Float64Array.from(vocabulary, (word) => (tfidf ? Math.log((1 + count) / (1 + documentFrequency.get(word)!)) + 1 : 1));

  return {
    vocabulary,
    idf,
    transform(texts: readonly string[]): FeatureMatrix {
      checkTexts('BagOfWords.transform', 'texts', texts);
      const dimension = vocabulary.length;
      const values = new Float32Array(texts.length * dimension);
      const row = new Float64Array(dimension);
      texts.forEach((text, i) => {
        row.fill(0);
        for (const word of bagOfWordsTokens(text)) {
          const c = column.get(word);
          if (c !== undefined) row[c] += idf[c];
        }
        let squares = 0;
        for (let c = 0; c < dimension; c++) squares += row[c] * row[c];
        const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
        for (let c = 0; c < dimension; c++) values[i * dimension + c] = row[c] * scale;
      });
      return { values, count: texts.length, dimension };
    },
  };
}

function checkTexts(fn: string, name: string, texts: readonly string[]): void {
  if (!Array.isArray(texts) || texts.length === 0) throw new Error(`${fn}: ${name} must be a non-empty array of strings`);
  texts.forEach((text, i) => {
    if (typeof text !== 'string') throw new Error(`${fn}: ${name}[${i}] must be a string, got ${typeof text}`);
  });
}
