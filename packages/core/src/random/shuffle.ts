import type { SeededRandom } from './seeded-random.js';

/** Anything indexable and writable with a length: arrays and typed arrays. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/**
 * Shuffles `array` in place with a seeded Fisher-Yates (Durstenfeld) shuffle and returns
 * it: for i from length - 1 down to 1, swap element i with element `random.integer(i + 1)`.
 * Every permutation is equally likely; the same generator state gives the same order,
 * and a shuffle of n elements draws exactly n - 1 numbers from `random`.
 *
 * This is the project's one shuffle: every seeded order (data order, validation splits,
 * samples) comes from it.
 *
 * Reference: Knuth, The Art of Computer Programming vol. 2, Algorithm P (Durstenfeld 1964).
 *
 * @example
 * const order = shuffleInPlace([0, 1, 2, 3, 4], createRandom(0)); // e.g. [3, 0, 4, 1, 2]
 * const rows = shuffleInPlace(Int32Array.from({ length: 10 }, (_, i) => i), createRandom(7));
 */
export function shuffleInPlace<A extends MutableArrayLike<unknown>>(array: A, random: SeededRandom): A {
  if (array === null || typeof array !== 'object' || typeof array.length !== 'number') {
    throw new Error(`shuffleInPlace: array must be an array or a typed array, got ${array === null ? 'null' : typeof array}`);
  }
  if (random === null || typeof random !== 'object' || typeof random.integer !== 'function') {
    throw new Error('shuffleInPlace: random must be a SeededRandom (createRandom(seed))');
  }
  for (let i = array.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = array[i];
    array[i] = array[j];
    array[j] = swap;
  }
  return array;
}
