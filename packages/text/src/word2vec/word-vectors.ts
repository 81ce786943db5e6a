import { analogy, mostSimilar, type Neighbour, type SimilarityOptions } from './most-similar.js';

/**
 * Word vectors: one row of `data` (a `words.length x dimension` Float32Array) per word, the
 * most frequent word first when they come from training (gensim's `KeyedVectors`). What
 * `trainWord2Vec` gives and what the word2vec text and binary formats hold. The unit-length
 * copy that queries use is made at the first query; do not change `data` after that.
 *
 * @example
 * const vectors = new WordVectors(['king', 'queen'], 2, Float32Array.of(1, 0, 0.8, 0.6));
 * vectors.vector('queen'); // Float32Array [0.8, 0.6]
 * vectors.mostSimilar('king', 1); // [{ word: 'queen', similarity: 0.8 }]
 */
export class WordVectors {
  readonly words: readonly string[];
  readonly dimension: number;
  readonly data: Float32Array;
  private readonly ids = new Map<string, number>();
  private unit: Float32Array | undefined;

  /**
   * Vectors for `words`, row i of `data` (`dimension` floats) for words[i].
   *
   * @example
   * new WordVectors(['a'], 3, new Float32Array(3)).size; // 1
   */
  constructor(words: readonly string[], dimension: number, data: Float32Array) {
    if (!Array.isArray(words)) throw new Error(`WordVectors: words must be an array of strings, got ${typeof words}`);
    if (!Number.isInteger(dimension) || dimension < 1) throw new Error(`WordVectors: dimension must be an integer >= 1, got ${dimension}`);
    if (!(data instanceof Float32Array) || data.length !== words.length * dimension) {
      throw new Error(
        `WordVectors: data must be a Float32Array of words x dimension = ${words.length * dimension} floats, got ${data?.length ?? typeof data}`,
      );
    }
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (typeof word !== 'string' || word.length === 0 || /[ \t\n\r]/.test(word)) {
        throw new Error(`WordVectors: words[${i}] must be a non-empty string without spaces, tabs or line breaks, got ${JSON.stringify(word)}`);
      }
      if (this.ids.has(word)) throw new Error(`WordVectors: words[${i}] '${word}' is a duplicate of words[${this.ids.get(word)}]`);
      this.ids.set(word, i);
    }
    this.words = Object.freeze([...words]);
    this.dimension = dimension;
    this.data = data;
  }

  /**
   * The number of words.
   *
   * @example
   * new WordVectors(['a', 'b'], 1, new Float32Array(2)).size; // 2
   */
  get size(): number {
    return this.words.length;
  }

  /**
   * The row of `word`, or -1 when it has no vector.
   *
   * @example
   * new WordVectors(['a', 'b'], 1, new Float32Array(2)).id('b'); // 1
   */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /**
   * Whether `word` has a vector.
   *
   * @example
   * new WordVectors(['a'], 1, new Float32Array(1)).has('z'); // false
   */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /**
   * The vector of `word` (a view of its row of `data`); throws for an unknown word.
   *
   * @example
   * new WordVectors(['a'], 2, Float32Array.of(1, 2)).vector('a'); // Float32Array [1, 2]
   */
  vector(word: string): Float32Array {
    const id = this.ids.get(word);
    if (id === undefined) throw new Error(`WordVectors.vector: '${word}' is not in the vocabulary (${this.words.length} words)`);
    return this.data.subarray(id * this.dimension, (id + 1) * this.dimension);
  }

  /**
   * Every vector scaled to length 1 (a zero vector stays zero), computed once.
   *
   * @example
   * new WordVectors(['a'], 2, Float32Array.of(3, 4)).unitVectors(); // Float32Array [0.6, 0.8]
   */
  unitVectors(): Float32Array {
    if (this.unit) return this.unit;
    const { data, dimension } = this;
    const unit = new Float32Array(data.length);
    for (let row = 0; row < data.length; row += dimension) {
      let norm = 0;
      for (let k = 0; k < dimension; k++) norm += data[row + k] * data[row + k];
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < dimension; k++) unit[row + k] = data[row + k] * scale;
    }
    this.unit = unit;
    return unit;
  }

  /**
   * The `topN` words nearest to `query` (a word, excluded from the answer, or a vector) by
   * cosine similarity; see `mostSimilar`.
   *
   * @example
   * vectors.mostSimilar('war', 5); // [{ word: 'conflict', similarity: 0.71 }, ...]
   */
  mostSimilar(query: string | ArrayLike<number>, topN = 10, options: SimilarityOptions = {}): Neighbour[] {
    return mostSimilar(this, query, topN, options);
  }

  /**
   * d in "a is to b as c is to d" by 3CosAdd; see `analogy`.
   *
   * @example
   * vectors.analogy('man', 'king', 'woman', 1); // [{ word: 'queen', similarity: ... }]
   */
  analogy(a: string, b: string, c: string, topN = 1, options: SimilarityOptions = {}): Neighbour[] {
    return analogy(this, a, b, c, topN, options);
  }
}
