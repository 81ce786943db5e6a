import { assertInteger } from '@selfsup/core';

/** The defaults of `buildVocabulary`. */
export const VOCABULARY_DEFAULTS = Object.freeze({
  /**
   * Words seen fewer times are dropped: 5, word2vec's `-min-count` default and the value of
   * GloVe's demo.sh (GloVe's `vocab_count` itself defaults to 1).
   */
  minCount: 5,
  /** Keep at most this many words (the most frequent). Default: no limit. */
  maxSize: Number.POSITIVE_INFINITY,
});

/** Options of `buildVocabulary`. */
export interface BuildVocabularyOptions {
  /** Drop words seen fewer times. Default `VOCABULARY_DEFAULTS.minCount` (5). */
  minCount?: number;
  /** Keep at most this many words, the most frequent. Default: no limit. */
  maxSize?: number;
}

/**
 * A word vocabulary: ids 0..size-1 in descending count order, ties broken by the words'
 * code-unit order (GloVe's `vocab_count` breaks them alphabetically with `strcmp`; the two
 * orders agree on ASCII). Id 0 is the most frequent word. Immutable.
 *
 * @example
 * const vocabulary = buildVocabulary([['a', 'b', 'a']], { minCount: 1 });
 * vocabulary.id('a'); // 0
 * vocabulary.word(1); // 'b'
 * vocabulary.count(0); // 2
 */
export class Vocabulary {
  /** The words, most frequent first. */
  readonly words: readonly string[];
  /** `counts[id]`: how often the word was seen. */
  readonly counts: Float64Array;
  private readonly ids: Map<string, number>;

  /**
   * A vocabulary from words and their counts, which must already be in descending count
   * order (as `buildVocabulary` and a saved vocabulary give them).
   *
   * @example
   * const vocabulary = new Vocabulary(['the', 'sea'], [10, 4]);
   */
  constructor(words: readonly string[], counts: ArrayLike<number>) {
    if (!Array.isArray(words)) throw new Error(`Vocabulary: words must be an array of strings, got ${typeof words}`);
    if (counts?.length !== words.length) {
      throw new Error(`Vocabulary: counts must have one count per word (${words.length}), got ${counts?.length}`);
    }
    this.words = Object.freeze([...words]);
    this.counts = Float64Array.from(counts);
    this.ids = new Map();
    for (let id = 0; id < words.length; id++) {
      const word = words[id];
      if (typeof word !== 'string' || word.length === 0)
        throw new Error(`Vocabulary: words[${id}] must be a non-empty string, got ${JSON.stringify(word)}`);
      if (this.ids.has(word)) throw new Error(`Vocabulary: words[${id}] '${word}' is a duplicate of words[${this.ids.get(word)}]`);
      const count = this.counts[id];
      if (!(count >= 0) || (id > 0 && count > this.counts[id - 1])) {
        throw new Error(`Vocabulary: counts must be >= 0 and in descending order, got counts[${id}] = ${count} after ${this.counts[id - 1]}`);
      }
      this.ids.set(word, id);
    }
  }

  /**
   * The number of words.
   *
   * @example
   * new Vocabulary(['a'], [1]).size; // 1
   */
  get size(): number {
    return this.words.length;
  }

  /**
   * The id of `word`, or -1 when it is not in the vocabulary.
   *
   * @example
   * new Vocabulary(['a'], [1]).id('z'); // -1
   */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /**
   * Whether `word` is in the vocabulary.
   *
   * @example
   * new Vocabulary(['a'], [1]).has('a'); // true
   */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /**
   * The word of `id`.
   *
   * @example
   * new Vocabulary(['a'], [1]).word(0); // 'a'
   */
  word(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.words.length) {
      throw new Error(`Vocabulary.word: id must be an integer in [0, ${this.words.length}), got ${id}`);
    }
    return this.words[id];
  }

  /**
   * How often the word of `id` was seen.
   *
   * @example
   * new Vocabulary(['a'], [3]).count(0); // 3
   */
  count(id: number): number {
    this.word(id);
    return this.counts[id];
  }

  /**
   * The ids of `words`, the words not in the vocabulary dropped (as GloVe's `cooccur` and
   * word2vec do before windowing, so a dropped word does not count in a distance).
   *
   * @example
   * new Vocabulary(['a', 'b'], [2, 1]).encode(['b', 'z', 'a']); // Int32Array [1, 0]
   */
  encode(words: Iterable<string>): Int32Array {
    const ids: number[] = [];
    for (const word of words) {
      const id = this.ids.get(word);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  }
}

/**
 * Counts the words of `sentences` (each an iterable of words) and keeps those seen at least
 * `minCount` times, most frequent first (ties in code-unit order), at most `maxSize` of them.
 *
 * @example
 * const vocabulary = buildVocabulary([['the', 'whale'], ['the', 'sea']], { minCount: 2 });
 * vocabulary.words; // ['the']
 */
export function buildVocabulary(sentences: Iterable<Iterable<string>>, options: BuildVocabularyOptions = {}): Vocabulary {
  const { minCount = VOCABULARY_DEFAULTS.minCount, maxSize = VOCABULARY_DEFAULTS.maxSize } = options;
  assertInteger('buildVocabulary', 'options.minCount', minCount, 1);
  if (maxSize !== Number.POSITIVE_INFINITY) assertInteger('buildVocabulary', 'options.maxSize', maxSize, 1);
  if (sentences === null || typeof (sentences as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
    throw new Error(`buildVocabulary: sentences must be an iterable of word arrays, got ${sentences === null ? 'null' : typeof sentences}`);
  }
  const counts = new Map<string, number>();
  let index = 0;
  for (const sentence of sentences) {
    if (sentence === null || typeof sentence !== 'object' || typeof sentence[Symbol.iterator] !== 'function') {
      throw new Error(`buildVocabulary: sentences[${index}] must be an iterable of words, got ${sentence === null ? 'null' : typeof sentence}`);
    }
    for (const word of sentence) {
      if (typeof word !== 'string') throw new Error(`buildVocabulary: sentences[${index}] holds a ${typeof word}; every word must be a string`);
      if (word.length > 0) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    index++;
  }
  const kept = [...counts].filter(([, count]) => count >= minCount);
  kept.sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
  if (kept.length > maxSize) kept.length = maxSize;
  return new Vocabulary(
    kept.map(([word]) => word),
    kept.map(([, count]) => count),
  );
}
