import { assertInteger } from '@selfsup/core';
import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { CooccurrenceTable } from './cooccurrence-table.js';
import { GLOVE_DEFAULTS } from './glove-defaults.js';

/** Options of `countCooccurrences`. */
export interface CountCooccurrencesOptions {
  /** Context words on each side. Default `GLOVE_DEFAULTS.windowSize` (15). */
  windowSize?: number;
  /** Count the right context too (X symmetric). Default true. */
  symmetric?: boolean;
  /** A pair d words apart adds 1/d (true, the default) or 1. */
  distanceWeighting?: boolean;
}

/**
 * Counts the co-occurrences of word ids within a window, as GloVe's `cooccur.c`: for each
 * word w at position j of a sentence and each earlier word c at distance d = j - k <=
 * `windowSize`, X[c][w] += 1/d (1 without distance weighting) and, when symmetric, X[w][c]
 * += the same (so a word next to itself adds 2/d to its diagonal). Windows never cross
 * sentences (cooccur.c resets at each line); pass the ids with the out-of-vocabulary words
 * already dropped (`Vocabulary.encode`), as cooccur.c skips them before windowing.
 * Sums are float64 (glove.c's `real` is double).
 *
 * @example
 * const vocabulary = buildVocabulary(sentences, { minCount: 5 });
 * const matrix = countCooccurrences(sentences.map((s) => vocabulary.encode(s)), vocabulary.size, { windowSize: 10 });
 */
export function countCooccurrences(
  sentences: Iterable<ArrayLike<number>>,
  vocabSize: number,
  options: CountCooccurrencesOptions = {},
): CooccurrenceMatrix {
  const caller = 'countCooccurrences';
  const {
    windowSize = GLOVE_DEFAULTS.windowSize,
    symmetric = GLOVE_DEFAULTS.symmetric,
    distanceWeighting = GLOVE_DEFAULTS.distanceWeighting,
  } = options;
  assertInteger(caller, 'vocabSize', vocabSize, 1);
  assertInteger(caller, 'options.windowSize', windowSize, 1);
  if (typeof symmetric !== 'boolean') throw new Error(`${caller}: options.symmetric must be a boolean, got ${typeof symmetric}`);
  if (typeof distanceWeighting !== 'boolean')
    throw new Error(`${caller}: options.distanceWeighting must be a boolean, got ${typeof distanceWeighting}`);
  if (sentences === null || typeof (sentences as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
    throw new Error(`${caller}: sentences must be an iterable of word-id arrays, got ${sentences === null ? 'null' : typeof sentences}`);
  }
  const table = new CooccurrenceTable(vocabSize);
  const inverse = Float64Array.from({ length: windowSize + 1 }, (_, d) => (distanceWeighting ? 1 / d : 1));
  let index = 0;
  for (const ids of sentences) {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new Error(`${caller}: sentences[${index}] must be an array of word ids, got ${ids === null ? 'null' : typeof ids}`);
    }
    for (let j = 0; j < ids.length; j++) {
      const word = ids[j];
      if (!Number.isInteger(word) || word < 0 || word >= vocabSize) {
        throw new Error(`${caller}: sentences[${index}][${j}] must be a word id in [0, ${vocabSize}), got ${word}`);
      }
      for (let k = j - 1; k >= 0 && j - k <= windowSize; k--) {
        const context = ids[k];
        const weight = inverse[j - k];
        table.add(context, word, weight);
        if (symmetric) table.add(word, context, weight);
      }
    }
    index++;
  }
  return table.toMatrix();
}
