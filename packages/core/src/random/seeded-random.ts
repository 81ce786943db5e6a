import { assertFiniteNumber } from '../validation/index.js';

/**
 * A small, fast, seedable pseudo-random generator (mulberry32) whose whole state is one
 * 32-bit integer, so it can be saved in a checkpoint and restored exactly.
 */
export interface SeededRandom {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Standard normal sample (Box-Muller). */
  normal(): number;
  /** Integer in [0, maxExclusive). */
  integer(maxExclusive: number): number;
  /** The current state; `createRandom(0).setState(s)` resumes the exact sequence. */
  getState(): number;
  setState(state: number): void;
}

/**
 * Creates a seeded generator.
 *
 * @example
 * const random = createRandom(42);
 * const u = random.next();      // in [0, 1)
 * const z = random.normal();    // ~ N(0, 1)
 */
export function createRandom(seed: number): SeededRandom {
  assertFiniteNumber('createRandom', 'seed', seed);
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      // 1 - next() is in (0, 1], so the logarithm is finite.
      const u1 = 1 - next();
      const u2 = next();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    integer(maxExclusive: number) {
      return Math.floor(next() * maxExclusive);
    },
    getState: () => state,
    setState(value: number) {
      state = value >>> 0;
    },
  };
}

/**
 * A Float32Array of `length` standard normal samples scaled by `scale`.
 *
 * @example
 * const values = randomNormalArray(6, { seed: 1, scale: 0.1 });
 */
export function randomNormalArray(length: number, options: { seed: number; scale?: number }): Float32Array {
  const random = createRandom(options.seed);
  const scale = options.scale ?? 1;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = random.normal() * scale;
  return out;
}
