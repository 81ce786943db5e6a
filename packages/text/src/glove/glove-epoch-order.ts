import { createRandom, deriveSeed, shuffleInPlace } from '@selfsup/core';

/**
 * The order of the nonzero entries in epoch `epoch` (0-based): 0..count-1 shuffled by
 * core's `shuffleInPlace` with `createRandom(deriveSeed(seed, epoch))`, so each epoch's
 * order depends only on the seed and the epoch (glove.c shuffles its file once, with
 * `shuffle.c`, and reads it in the same order every epoch). `into` is reused when given.
 *
 * @example
 * const order = gloveEpochOrder(matrix.values.length, 0, 0);
 */
export function gloveEpochOrder(count: number, seed: number, epoch: number, into?: Uint32Array): Uint32Array {
  const order = into ?? new Uint32Array(count);
  if (order.length !== count) throw new Error(`gloveEpochOrder: into must be a Uint32Array of ${count}, got ${order.length}`);
  for (let e = 0; e < count; e++) order[e] = e;
  return shuffleInPlace(order, createRandom(deriveSeed(seed, epoch)));
}
