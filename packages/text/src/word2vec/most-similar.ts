import type { WordVectors } from './word-vectors.js';

/** A word and its cosine similarity to a query. */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** Options of `mostSimilar` and `analogy`. */
export interface SimilarityOptions {
  /** Only the first (most frequent) this many words are candidates: gensim's `restrict_vocab`. Default: all. */
  restrictVocab?: number;
}

/**
 * The `topN` words whose vectors have the highest cosine similarity to `query`: a word (left
 * out of the answer, as gensim's `most_similar`) or a vector. Cosines are dot products of the
 * unit vectors; ties keep the more frequent (earlier) word first.
 *
 * @example
 * mostSimilar(vectors, 'whale', 3); // [{ word: 'sperm', similarity: 0.8 }, ...]
 */
export function mostSimilar(vectors: WordVectors, query: string | ArrayLike<number>, topN = 10, options: SimilarityOptions = {}): Neighbour[] {
  const fn = 'mostSimilar';
  if (typeof query === 'string') {
    if (!vectors.has(query)) throw new Error(`${fn}: '${query}' is not in the vocabulary (${vectors.size} words)`);
    return nearest(fn, vectors, unitRow(vectors, query), [vectors.id(query)], topN, options);
  }
  if (query?.length !== vectors.dimension) {
    throw new Error(`${fn}: query must be a word or a vector of ${vectors.dimension} numbers, got ${query?.length ?? typeof query} numbers`);
  }
  return nearest(fn, vectors, normalize(Float64Array.from(query)), [], topN, options);
}

/**
 * The words d of "a is to b as c is to d" (man : king :: woman : queen): the `topN` nearest
 * to unit(b) - unit(a) + unit(c) by cosine, a, b and c left out (3CosAdd, Mikolov et al.
 * 2013; gensim's `most_similar(positive=[b, c], negative=[a])`).
 *
 * @example
 * analogy(vectors, 'man', 'king', 'woman'); // [{ word: 'queen', similarity: 0.7 }]
 */
export function analogy(vectors: WordVectors, a: string, b: string, c: string, topN = 1, options: SimilarityOptions = {}): Neighbour[] {
  const fn = 'analogy';
  for (const [name, word] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    if (!vectors.has(word)) throw new Error(`${fn}: ${name} '${word}' is not in the vocabulary (${vectors.size} words)`);
  }
  const query = new Float64Array(vectors.dimension);
  const ua = unitRow(vectors, a);
  const ub = unitRow(vectors, b);
  const uc = unitRow(vectors, c);
  for (let k = 0; k < query.length; k++) query[k] = ub[k] - ua[k] + uc[k];
  return nearest(fn, vectors, normalize(query), [vectors.id(a), vectors.id(b), vectors.id(c)], topN, options);
}

function unitRow(vectors: WordVectors, word: string): Float64Array {
  const id = vectors.id(word);
  return Float64Array.from(vectors.unitVectors().subarray(id * vectors.dimension, (id + 1) * vectors.dimension));
}

function normalize(vector: Float64Array): Float64Array {
  let norm = 0;
  for (let k = 0; k < vector.length; k++) norm += vector[k] * vector[k];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < vector.length; k++) vector[k] *= scale;
  return vector;
}

/** The topN rows nearest to the unit vector `query` among the first `restrictVocab`, `excluded` rows left out. */
function nearest(fn: string, vectors: WordVectors, query: Float64Array, excluded: number[], topN: number, options: SimilarityOptions): Neighbour[] {
  if (!Number.isInteger(topN) || topN < 1) throw new Error(`${fn}: topN must be an integer >= 1, got ${topN}`);
  const limit = options.restrictVocab ?? vectors.size;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`${fn}: options.restrictVocab must be an integer >= 1, got ${limit}`);
  const rows = Math.min(limit, vectors.size);
  const unit = vectors.unitVectors();
  const dimension = vectors.dimension;
  // The best topN so far, kept sorted by descending similarity.
  const best: Neighbour[] = [];
  for (let row = 0; row < rows; row++) {
    if (excluded.includes(row)) continue;
    let dot = 0;
    const offset = row * dimension;
    for (let k = 0; k < dimension; k++) dot += unit[offset + k] * query[k];
    if (best.length === topN && dot <= best[topN - 1].similarity) continue;
    let at = best.length === topN ? topN - 1 : best.length;
    while (at > 0 && best[at - 1].similarity < dot) at--;
    best.splice(at, 0, { word: vectors.words[row], similarity: dot });
    if (best.length > topN) best.pop();
  }
  return best;
}
