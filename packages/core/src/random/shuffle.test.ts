import { describe, expect, it } from 'vitest';
import { createRandom } from './seeded-random.js';
import { shuffleInPlace } from './shuffle.js';

describe('shuffleInPlace', () => {
  it('permutes arrays and typed arrays in place, returning them', () => {
    const array = Array.from({ length: 100 }, (_, i) => i);
    const result = shuffleInPlace(array, createRandom(1));
    expect(result).toBe(array);
    expect([...array].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(array).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    const typed = Int32Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(typed, createRandom(1));
    expect(Array.from(typed)).toEqual(array);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const order = (seed: number) =>
      shuffleInPlace(
        Array.from({ length: 20 }, (_, i) => i),
        createRandom(seed),
      );
    expect(order(5)).toEqual(order(5));
    expect(order(5)).not.toEqual(order(6));
  });

  it('is the Durstenfeld loop: swap i with integer(i + 1), n - 1 draws', () => {
    const random = createRandom(3);
    const expected = ['a', 'b', 'c', 'd', 'e'];
    for (let i = expected.length - 1; i > 0; i--) {
      const j = random.integer(i + 1);
      [expected[i], expected[j]] = [expected[j], expected[i]];
    }
    const mine = createRandom(3);
    expect(shuffleInPlace(['a', 'b', 'c', 'd', 'e'], mine)).toEqual(expected);
    expect(mine.getState()).toBe(random.getState());
  });

  it('draws every permutation of 3 elements about equally often', () => {
    const random = createRandom(11);
    const counts = new Map<string, number>();
    const trials = 60_000;
    for (let t = 0; t < trials; t++) {
      const key = shuffleInPlace([0, 1, 2], random).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Each count is Binomial(60000, 1/6): mean 10,000, std 91; 5 std of slack.
    for (const count of counts.values()) expect(Math.abs(count - trials / 6)).toBeLessThan(460);
  });

  it('leaves empty and one-element arrays as they are, without drawing', () => {
    const random = createRandom(2);
    const state = random.getState();
    expect(shuffleInPlace([], random)).toEqual([]);
    expect(shuffleInPlace([7], random)).toEqual([7]);
    expect(random.getState()).toBe(state);
  });

  it('rejects bad input, naming the function', () => {
    expect(() => shuffleInPlace(null as unknown as number[], createRandom(0))).toThrow(/shuffleInPlace: array must be/);
    expect(() => shuffleInPlace([1, 2], {} as never)).toThrow(/shuffleInPlace: random must be a SeededRandom/);
  });
});
