/** One neighbour of a query. */
export interface WordNeighbour {
  word: string;
  /** Cosine similarity to the query, in [-1, 1]. */
  similarity: number;
}

/**
 * Trained word vectors: `words[i]`'s vector is row i of `vectors` (row-major, `dimension`
 * columns), with nearest neighbours by cosine similarity. What GloVe's and word2vec's text
 * files hold.
 *
 * @example
 * const vectors = new WordVectors(['sea', 'ocean'], Float32Array.of(1, 0, 0.9, 0.1), 2);
 * vectors.nearest('sea', 1); // [{ word: 'ocean', similarity: 0.9939 }]
 */
export class WordVectors {
  readonly words: readonly string[];
  private readonly ids = new Map<string, number>();
  private norms?: Float64Array;

  /**
   * Vectors for `words`, row i of `vectors` being words[i]'s.
   *
   * @example
   * const vectors = new WordVectors(vocabulary.words, parameters.wordVectors(), parameters.vectorSize);
   */
  constructor(
    words: readonly string[],
    readonly vectors: Float32Array,
    readonly dimension: number,
  ) {
    if (!Array.isArray(words)) throw new Error(`WordVectors: words must be an array of strings, got ${typeof words}`);
    if (!Number.isInteger(dimension) || dimension < 1) throw new Error(`WordVectors: dimension must be an integer >= 1, got ${dimension}`);
    if (!(vectors instanceof Float32Array) || vectors.length !== words.length * dimension) {
      throw new Error(`WordVectors: vectors must be a Float32Array of ${words.length} words x ${dimension}, got ${vectors?.length}`);
    }
    this.words = Object.freeze([...words]);
    words.forEach((word, id) => {
      if (typeof word !== 'string' || word.length === 0 || /\s/.test(word)) {
        throw new Error(`WordVectors: words[${id}] must be a non-empty string without whitespace, got ${JSON.stringify(word)}`);
      }
      if (this.ids.has(word)) throw new Error(`WordVectors: words[${id}] '${word}' is a duplicate of words[${this.ids.get(word)}]`);
      this.ids.set(word, id);
    });
  }

  /**
   * The number of words.
   *
   * @example
   * vectors.size; // 20512
   */
  get size(): number {
    return this.words.length;
  }

  /**
   * Whether `word` has a vector.
   *
   * @example
   * vectors.has('whale'); // true
   */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /**
   * `word`'s vector (a view into `vectors`), or undefined when it has none.
   *
   * @example
   * vectors.vector('whale'); // Float32Array(50)
   */
  vector(word: string): Float32Array | undefined {
    const id = this.ids.get(word);
    return id === undefined ? undefined : this.vectors.subarray(id * this.dimension, (id + 1) * this.dimension);
  }

  /**
   * The `k` words most similar to `query` (a word, or a vector of `dimension` numbers) by
   * cosine similarity, most similar first (ties in vocabulary order). A word query leaves
   * itself out; `exclude` leaves out more words. A zero vector is similar to nothing (0).
   * The rows' norms are computed at the first query: change `vectors` before it, not after.
   *
   * @example
   * vectors.nearest('whale', 5).map((n) => n.word); // ['sperm', 'boat', ...]
   */
  nearest(query: string | ArrayLike<number>, k = 10, options: { exclude?: Iterable<string> } = {}): WordNeighbour[] {
    if (!Number.isInteger(k) || k < 1) throw new Error(`WordVectors.nearest: k must be an integer >= 1, got ${k}`);
    const skip = new Set<number>();
    let target: ArrayLike<number>;
    if (typeof query === 'string') {
      const id = this.ids.get(query);
      if (id === undefined) throw new Error(`WordVectors.nearest: query '${query}' is not one of the ${this.size} words`);
      skip.add(id);
      target = this.vectors.subarray(id * this.dimension, (id + 1) * this.dimension);
    } else {
      if (query?.length !== this.dimension)
        throw new Error(`WordVectors.nearest: query must be a word or ${this.dimension} numbers, got ${query?.length}`);
      target = query;
    }
    for (const word of options.exclude ?? []) {
      const id = this.ids.get(word);
      if (id !== undefined) skip.add(id);
    }
    const norms = this.rowNorms();
    const { vectors, dimension } = this;
    let targetNorm = 0;
    for (let b = 0; b < dimension; b++) targetNorm += target[b] * target[b];
    targetNorm = Math.sqrt(targetNorm);
    const best: WordNeighbour[] = [];
    for (let id = 0; id < this.size; id++) {
      if (skip.has(id)) continue;
      let dot = 0;
      for (let b = 0, at = id * dimension; b < dimension; b++, at++) dot += vectors[at] * target[b];
      const denominator = norms[id] * targetNorm;
      const similarity = denominator > 0 ? dot / denominator : 0;
      if (best.length === k && similarity <= best[k - 1].similarity) continue;
      let at = best.length === k ? k - 1 : best.length;
      while (at > 0 && best[at - 1].similarity < similarity) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = { word: this.words[id], similarity };
    }
    return best;
  }

  /** Each row's Euclidean norm, computed once. */
  private rowNorms(): Float64Array {
    if (this.norms) return this.norms;
    const norms = new Float64Array(this.size);
    for (let id = 0; id < this.size; id++) {
      let sum = 0;
      for (let b = id * this.dimension; b < (id + 1) * this.dimension; b++) sum += this.vectors[b] * this.vectors[b];
      norms[id] = Math.sqrt(sum);
    }
    this.norms = norms;
    return norms;
  }
}
