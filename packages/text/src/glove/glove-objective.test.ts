import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { GLOVE_DEFAULTS } from './glove-defaults.js';
import { gloveEntry, gloveEntryGradients, gloveWeight } from './glove-objective.js';

describe('gloveWeight', () => {
  it('is (x / xMax)^alpha below xMax and 1 from there on', () => {
    expect(gloveWeight(100)).toBe(1);
    expect(gloveWeight(250)).toBe(1);
    expect(gloveWeight(10)).toBeCloseTo(0.1 ** 0.75, 15);
    expect(gloveWeight(1)).toBeCloseTo(0.01 ** 0.75, 15);
    expect(gloveWeight(0.5, { xMax: 10, alpha: 1 })).toBeCloseTo(0.05, 15);
    expect(gloveWeight(20, { xMax: 10, alpha: 1 })).toBe(1);
    // Increasing and continuous at xMax.
    expect(gloveWeight(99.999)).toBeLessThan(1);
    expect(gloveWeight(99.999)).toBeGreaterThan(0.99999);
  });

  it('uses the paper and glove.c defaults: xMax 100, alpha 0.75', () => {
    expect([GLOVE_DEFAULTS.xMax, GLOVE_DEFAULTS.alpha, GLOVE_DEFAULTS.learningRate]).toEqual([100, 0.75, 0.05]);
    expect(Object.isFrozen(GLOVE_DEFAULTS)).toBe(true);
  });
});

describe('gloveEntry and gloveEntryGradients', () => {
  it('compute diff, f and 0.5 f diff^2 by hand', () => {
    const terms = gloveEntry([0.1, 0.2], [0.3, -0.1], 0.05, -0.02, 3);
    const diff = 0.1 * 0.3 + 0.2 * -0.1 + 0.05 - 0.02 - Math.log(3);
    expect(terms.diff).toBeCloseTo(diff, 15);
    expect(terms.weight).toBeCloseTo(0.03 ** 0.75, 15);
    expect(terms.cost).toBeCloseTo(0.5 * 0.03 ** 0.75 * diff * diff, 15);
  });

  it('match central finite differences of the cost, below and above xMax', () => {
    const random = createRandom(4);
    const d = 6;
    for (const x of [0.25, 3, 57.5, 150, 4000]) {
      const word = Array.from({ length: d }, () => random.normal() * 0.3);
      const context = Array.from({ length: d }, () => random.normal() * 0.3);
      const [wordBias, contextBias] = [random.normal() * 0.1, random.normal() * 0.1];
      const gradients = gloveEntryGradients(word, context, wordBias, contextBias, x);
      const cost = (w: number[], c: number[], bw: number, bc: number) => gloveEntry(w, c, bw, bc, x).cost;
      const h = 1e-6;
      const nudge = (values: number[], b: number, by: number) => values.map((v, i) => (i === b ? v + by : v));
      for (let b = 0; b < d; b++) {
        const dWord = (cost(nudge(word, b, h), context, wordBias, contextBias) - cost(nudge(word, b, -h), context, wordBias, contextBias)) / (2 * h);
        const dContext =
          (cost(word, nudge(context, b, h), wordBias, contextBias) - cost(word, nudge(context, b, -h), wordBias, contextBias)) / (2 * h);
        expect(gradients.word[b]).toBeCloseTo(dWord, 7);
        expect(gradients.context[b]).toBeCloseTo(dContext, 7);
      }
      const dWordBias = (cost(word, context, wordBias + h, contextBias) - cost(word, context, wordBias - h, contextBias)) / (2 * h);
      const dContextBias = (cost(word, context, wordBias, contextBias + h) - cost(word, context, wordBias, contextBias - h)) / (2 * h);
      expect(gradients.bias).toBeCloseTo(dWordBias, 7);
      expect(gradients.bias).toBeCloseTo(dContextBias, 7);
    }
  });

  it('names the function and the argument in its errors', () => {
    expect(() => gloveEntry([1], [1, 2], 0, 0, 1)).toThrow("gloveEntry: context must have the word vector's length 1, got 2");
    expect(() => gloveEntry([1], [1], 0, 0, 0)).toThrow('gloveEntry: x must be a count > 0, got 0');
  });
});
