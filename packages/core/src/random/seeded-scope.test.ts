import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/index.js';
import { deriveSeed, seededScope } from './seeded-scope.js';

describe('seededScope', () => {
  beforeAll(() => useBackend('cpu'));

  it('makes unseeded tfjs initialisation and random ops repeatable', () => {
    const build = () => {
      const layer = tf.layers.dense({ units: 3, inputShape: [4] });
      const model = tf.sequential({ layers: [layer] });
      const weights = model.getWeights()[0].dataSync().slice();
      const noise = tf.randomNormal([5]).dataSync().slice();
      model.dispose();
      return [...weights, ...noise];
    };
    const a = seededScope(7, build);
    const b = seededScope(7, build);
    const c = seededScope(8, build);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('restores Math.random afterwards, also when fn throws', () => {
    const original = Math.random;
    expect(() =>
      seededScope(1, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Math.random).toBe(original);
  });

  it('derives distinct seeds for neighbouring counters', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, step) => deriveSeed(42, step)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(42, 3)).toBe(deriveSeed(42, 3));
    expect(deriveSeed(42, 3)).not.toBe(deriveSeed(43, 3));
  });
});
