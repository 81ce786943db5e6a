// Argument checks shared by the collators: errors name the collator and the argument.
import { describeValue, type SeededRandom } from '@selfsup/core';

/** Throws unless `value` is an array of integer token ids >= 0. */
export function assertTokenIds(fn: string, name: string, value: unknown): asserts value is readonly number[] {
  if (!Array.isArray(value)) throw new Error(`${fn}: ${name} must be an array of token ids, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) {
    const id = value[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new Error(`${fn}: ${name}[${i}] must be a token id (an integer >= 0), got ${String(id)}`);
    }
  }
}

/** Throws unless `random` is a SeededRandom (the step's `context.random`, or `createRandom(seed)`). */
export function assertRandom(fn: string, random: unknown): asserts random is SeededRandom {
  const candidate = random as SeededRandom | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.next !== 'function' || typeof candidate.integer !== 'function') {
    throw new Error(`${fn}: random must be a SeededRandom (context.random in prepare, or createRandom(seed)), got ${describeValue(random)}`);
  }
}

/** Throws unless `value` is an array (or Set) of token ids; returns them as a Set. */
export function tokenIdSet(fn: string, name: string, value: unknown): Set<number> {
  const ids = value instanceof Set ? [...value] : value;
  assertTokenIds(fn, name, ids);
  return new Set(ids);
}
