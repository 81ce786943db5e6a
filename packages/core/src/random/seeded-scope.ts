import { createRandom } from './seeded-random.js';

/**
 * Runs `fn` with `Math.random` replaced by a generator seeded with `seed`, then restores it.
 *
 * TensorFlow.js draws the seed of every unseeded random op, weight initialisers included,
 * from `Math.random`, so models built inside this scope get the same initial weights for
 * the same seed (`buildRecipe` builds its encoder and heads so). It is for building
 * models only: training steps draw their randomness from `context.random`, and the
 * trainer never swaps `Math.random`. `fn` must be synchronous.
 *
 * @example
 * const model = seededScope(42, () => buildEncoder()); // same weights for the same seed
 */
export function seededScope<T>(seed: number, fn: () => T): T {
  const random = createRandom(seed);
  const original = Math.random;
  Math.random = random.next;
  try {
    const result = fn();
    if (result instanceof Promise) {
      throw new Error('seededScope: fn must be synchronous (Math.random is restored when it returns)');
    }
    return result;
  } finally {
    Math.random = original;
  }
}

/**
 * Mixes a run seed and a counter (a step, an epoch) into one well-spread 32-bit seed.
 *
 * @example
 * const stepSeed = deriveSeed(runSeed, step);
 */
export function deriveSeed(seed: number, counter: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(counter >>> 0, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
