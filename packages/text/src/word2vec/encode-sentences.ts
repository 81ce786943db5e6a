import type { Vocabulary } from '../vocabulary/vocabulary.js';

/** Sentences as word ids, the layout the training loop reads (`Word2VecKernel`). */
export interface EncodedSentences {
  /** The ids of every sentence's words in the vocabulary, unknown words removed. */
  ids: Int32Array;
  /** Sentence s is `ids[starts[s] .. starts[s + 1])`; `starts.length` is sentences + 1. */
  starts: Int32Array;
  /** Words of each sentence before unknown words were removed (progress counts these, as gensim). */
  rawWords: Int32Array;
  /** The sum of `rawWords`. */
  totalRawWords: number;
}

/**
 * Encodes `sentences` with `vocabulary`, dropping the words it does not hold before any
 * window is drawn (as word2vec.c and gensim do).
 *
 * @example
 * encodeSentences([['a', 'x', 'b']], new Vocabulary(['a', 'b'], [2, 1])).ids; // Int32Array [0, 1]
 */
export function encodeSentences(sentences: readonly (readonly string[])[], vocabulary: Vocabulary): EncodedSentences {
  if (!Array.isArray(sentences)) throw new Error(`encodeSentences: sentences must be an array of word arrays, got ${typeof sentences}`);
  let total = 0;
  for (const sentence of sentences) total += sentence.length;
  const ids = new Int32Array(total);
  const starts = new Int32Array(sentences.length + 1);
  const rawWords = new Int32Array(sentences.length);
  let length = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s];
    for (let w = 0; w < sentence.length; w++) {
      const id = vocabulary.id(sentence[w]);
      if (id >= 0) ids[length++] = id;
    }
    rawWords[s] = sentence.length;
    starts[s + 1] = length;
  }
  return { ids: ids.slice(0, length), starts, rawWords, totalRawWords: total };
}

/**
 * Splits sentences `[0, count)` into `parts` consecutive ranges holding about as many raw
 * words each (one per worker thread, as word2vec.c gives each thread a slice of the file).
 *
 * @example
 * splitSentenceRanges(Int32Array.of(5, 5, 5, 5), 2); // [[0, 2], [2, 4]]
 */
export function splitSentenceRanges(rawWords: Int32Array, parts: number): [number, number][] {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`splitSentenceRanges: parts must be an integer >= 1, got ${parts}`);
  let total = 0;
  for (let s = 0; s < rawWords.length; s++) total += rawWords[s];
  const ranges: [number, number][] = [];
  let start = 0;
  let cumulative = 0;
  for (let part = 1; part <= parts; part++) {
    let end = start;
    const goal = (total * part) / parts;
    while (end < rawWords.length && (part === parts || cumulative + rawWords[end] / 2 < goal)) cumulative += rawWords[end++];
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
