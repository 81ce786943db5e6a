/**
 * Mixes a run seed and a counter (a step, an epoch, a layer's index) into one well-spread
 * 32-bit seed.
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
