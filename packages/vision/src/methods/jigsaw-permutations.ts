import { createRandom } from '@selfsup/core';

/** The tiles of a 3x3 jigsaw puzzle. */
export const JIGSAW_TILES = 9;

/**
 * Candidate permutations drawn per selected one, and the least drawn: enough for a
 * minimum Hamming distance of 6 between 100 permutations of 9 tiles (4 to 5 for 1000), while
 * keeping the selection under a second (about 30 ms for 100, 0.5 s for 1000).
 */
export const JIGSAW_PERMUTATION_CANDIDATES = Object.freeze({ perSelected: 20, minimum: 10_000 });

export interface JigsawPermutationsOptions {
  /** Number of permutations to select, in [2, tiles!]. */
  count: number;
  /** Tiles per puzzle, in [2, 10]. Default 9 (a 3x3 grid). */
  tiles?: number;
  /** Seeds the candidate draw and the first permutation. Default 0. */
  seed?: number;
  /**
   * Candidate permutations to choose from (all of them when >= tiles!).
   * Default max(10,000, 20 × count), capped at tiles!.
   */
  candidates?: number;
}

const FN = 'jigsawPermutations';

/**
 * The fixed permutation set of the jigsaw pretext task (Noroozi & Favaro 2016,
 * "Unsupervised Learning of Visual Representations by Solving Jigsaw Puzzles", its
 * Algorithm 1): a greedy selection of permutations far apart in
 * Hamming distance (the number of positions where two permutations differ), so that no
 * two classes of the puzzle are nearly the same shuffle.
 *
 * Algorithm (seeded, deterministic):
 * 1. Candidates: all tiles! permutations when `candidates` >= tiles!, else `candidates`
 *    distinct permutations drawn uniformly (Fisher-Yates). The paper searches all 9! =
 *    362,880; a sample keeps the selection fast (O(count × candidates × tiles)).
 * 2. The first permutation is a random candidate, as in the paper.
 * 3. Repeat: add the candidate whose *minimum* distance to the selected set is largest;
 *    ties go to the largest *total* distance (the paper's criterion), then to the
 *    earliest candidate. Distances are updated incrementally.
 *
 * The paper's "maximal" set maximises the average distance alone, which can leave pairs
 * that differ by a single swap of two tiles (a minimum distance of 2 to 4 in our runs on
 * the same candidates); maximising the minimum first keeps the same average (8.0 to 8.1
 * of 9 positions) and lifts the minimum to 6 for 100 permutations of 9 tiles, 4 to 5 for
 * 1000.
 *
 * Convention: permutation p shuffles a puzzle so that position i holds tile p[i]
 * (tiles numbered row by row).
 *
 * @returns `count` permutations, each an array of the tile indices 0..tiles-1.
 *
 * @example
 * const permutations = jigsawPermutations({ count: 100, seed: 0 }); // 100 arrays of 9 tiles
 * hammingDistance(permutations[0], permutations[1]); // >= 6
 */
export function jigsawPermutations(options: JigsawPermutationsOptions): number[][] {
  if (options === null || typeof options !== 'object') throw new Error(`${FN}: expected an options object { count, tiles?, seed?, candidates? }`);
  const tiles = options.tiles ?? JIGSAW_TILES;
  if (!Number.isInteger(tiles) || tiles < 2 || tiles > 10) throw new Error(`${FN}: tiles must be an integer in [2, 10], got ${String(tiles)}`);
  const total = factorial(tiles);
  const { count } = options;
  if (!Number.isInteger(count) || count < 2 || count > total) {
    throw new Error(`${FN}: count must be an integer in [2, ${total}] (${tiles}! permutations of ${tiles} tiles), got ${String(count)}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`${FN}: seed must be an integer, got ${String(seed)}`);
  const requested = options.candidates ?? Math.max(JIGSAW_PERMUTATION_CANDIDATES.minimum, JIGSAW_PERMUTATION_CANDIDATES.perSelected * count);
  if (!Number.isInteger(requested) || requested < count) {
    throw new Error(`${FN}: candidates must be an integer >= count (${count}), got ${String(requested)}`);
  }
  const random = createRandom(seed);
  const size = Math.min(requested, total);
  const pool = size === total ? allPermutations(tiles) : sampledPermutations(tiles, size, random); // [size * tiles]

  const minimum = new Int32Array(size).fill(tiles + 1);
  const sum = new Float64Array(size);
  const taken = new Uint8Array(size);
  const selected: number[] = [];
  let next = random.integer(size);
  while (selected.length < count) {
    selected.push(next);
    taken[next] = 1;
    if (selected.length === count) break;
    const base = next * tiles;
    let best = -1;
    for (let candidate = 0; candidate < size; candidate++) {
      if (taken[candidate]) continue;
      const offset = candidate * tiles;
      let distance = 0;
      for (let k = 0; k < tiles; k++) if (pool[offset + k] !== pool[base + k]) distance++;
      if (distance < minimum[candidate]) minimum[candidate] = distance;
      sum[candidate] += distance;
      if (best < 0 || minimum[candidate] > minimum[best] || (minimum[candidate] === minimum[best] && sum[candidate] > sum[best])) best = candidate;
    }
    next = best;
  }
  return selected.map((index) => Array.from(pool.subarray(index * tiles, (index + 1) * tiles)));
}

/**
 * Number of positions where two permutations (or any equal-length sequences) differ.
 *
 * @example
 * hammingDistance([0, 1, 2], [0, 2, 1]); // 2
 */
export function hammingDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`hammingDistance: a and b must have the same length, got ${a.length} and ${b.length}`);
  let distance = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) distance++;
  return distance;
}

function factorial(n: number): number {
  let result = 1;
  for (let k = 2; k <= n; k++) result *= k;
  return result;
}

/** Every permutation of 0..n-1 in lexicographic order, flattened: [n! * n]. */
function allPermutations(n: number): Uint8Array {
  const out = new Uint8Array(factorial(n) * n);
  const current = Array.from({ length: n }, (_, i) => i);
  let row = 0;
  for (;;) {
    out.set(current, row * n);
    row++;
    // Next permutation: the rightmost ascent, swapped with its next larger element, then the tail reversed.
    let i = n - 2;
    while (i >= 0 && current[i] > current[i + 1]) i--;
    if (i < 0) return out;
    let j = n - 1;
    while (current[j] < current[i]) j--;
    [current[i], current[j]] = [current[j], current[i]];
    for (let left = i + 1, right = n - 1; left < right; left++, right--) [current[left], current[right]] = [current[right], current[left]];
  }
}

/** `size` distinct uniform permutations of 0..n-1 (Fisher-Yates, duplicates redrawn), flattened: [size * n]. */
function sampledPermutations(n: number, size: number, random: { integer(maxExclusive: number): number }): Uint8Array {
  const out = new Uint8Array(size * n);
  const seen = new Set<number>();
  const permutation = new Array<number>(n);
  let row = 0;
  while (row < size) {
    for (let k = 0; k < n; k++) permutation[k] = k;
    for (let k = n - 1; k > 0; k--) {
      const other = random.integer(k + 1);
      [permutation[k], permutation[other]] = [permutation[other], permutation[k]];
    }
    // A base-10 key: exact in a double for n <= 10 (< 10^10).
    let key = 0;
    for (let k = 0; k < n; k++) key = key * 10 + permutation[k];
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(permutation, row * n);
    row++;
  }
  return out;
}
