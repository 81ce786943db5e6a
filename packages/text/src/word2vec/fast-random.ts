// The generator of Word2Vec's draws (subsampling, windows, negatives, initial vectors).
// core's createRandom is the same mulberry32, but behind a closure call per draw; the
// training loop keeps the 32-bit state in a local variable and steps it inline instead
// (as word2vec.c and gensim step their LCG), so this file is the one reference of the step.

/**
 * Advances the mulberry32 state `state[0]` and returns the next uniform uint32. The training
 * loop inlines exactly this step.
 *
 * @example
 * const state = Uint32Array.of(word2vecSeed(1, 0));
 * nextUint32(state); // an integer in [0, 2^32)
 */
export function nextUint32(state: Uint32Array): number {
  const s = (state[0] + 0x6d2b79f5) >>> 0;
  state[0] = s;
  let t = Math.imul(s ^ (s >>> 15), s | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * The initial generator state of stream `stream` (0: the initial vectors and a single-threaded
 * run; 1 + w: worker w's draws) for `seed`: distinct streams, reproducible from the seed.
 *
 * @example
 * word2vecSeed(1, 0) !== word2vecSeed(1, 1); // true
 */
export function word2vecSeed(seed: number, stream: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * `rows x dimension` initial input vectors, uniform in [-0.5, 0.5) / dimension (word2vec.c's
 * initialisation; gensim 4 draws from [-1, 1) / dimension), from stream 0 of `seed`.
 *
 * @example
 * initialVectors(3, 100, 1).length; // 300
 */
export function initialVectors(rows: number, dimension: number, seed: number, into?: Float32Array): Float32Array {
  const vectors = into ?? new Float32Array(rows * dimension);
  if (vectors.length !== rows * dimension) throw new Error(`initialVectors: into must hold ${rows * dimension} floats, got ${vectors.length}`);
  const state = Uint32Array.of(word2vecSeed(seed, 0));
  for (let i = 0; i < vectors.length; i++) vectors[i] = (nextUint32(state) / 4294967296 - 0.5) / dimension;
  return vectors;
}
