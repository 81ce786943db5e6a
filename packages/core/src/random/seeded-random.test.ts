import { describe, expect, it } from 'vitest';
import { createRandom, randomNormalArray } from './seeded-random.js';

describe('createRandom', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('resumes exactly from a saved state', () => {
    const random = createRandom(3);
    random.next();
    const state = random.getState();
    const expected = [random.next(), random.normal()];
    const resumed = createRandom(0);
    resumed.setState(state);
    expect([resumed.next(), resumed.normal()]).toEqual(expected);
  });

  it('draws uniforms in [0,1) and normals with unit variance', () => {
    const random = createRandom(11);
    const uniforms = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const normals = randomNormalArray(20_000, { seed: 5 });
    const mean = normals.reduce((s, v) => s + v, 0) / normals.length;
    const variance = normals.reduce((s, v) => s + (v - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRandom(Number.NaN)).toThrow(/seed/);
  });
});
