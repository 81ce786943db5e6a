import { describe, expect, it } from 'vitest';
import { GloveParameters } from './glove-parameters.js';

describe('GloveParameters', () => {
  it('starts as glove.c: weights uniform in [-0.5, 0.5) / vectorSize, squared-gradient sums 1', () => {
    const parameters = GloveParameters.random(50, 10, 3);
    expect(parameters.weights.length).toBe(2 * 50 * 11);
    expect(Math.min(...parameters.weights)).toBeGreaterThanOrEqual(-0.05);
    expect(Math.max(...parameters.weights)).toBeLessThan(0.05);
    expect(Math.max(...parameters.weights)).toBeGreaterThan(0.045);
    expect(parameters.gradsq.every((value) => value === 1)).toBe(true);
    expect(GloveParameters.random(50, 10, 3).weights).toEqual(parameters.weights);
    expect(GloveParameters.random(50, 10, 4).weights).not.toEqual(parameters.weights);
  });

  it('lays out word rows then context rows, vector then bias; saves W + W~ (or W)', () => {
    const parameters = new GloveParameters(
      2,
      2,
      Float64Array.from({ length: 12 }, (_, i) => i),
      new Float64Array(12).fill(1),
    );
    expect([parameters.wordOffset(1), parameters.contextOffset(0), parameters.contextOffset(1)]).toEqual([3, 6, 9]);
    // Word 0: [0, 1] + context [6, 7]; word 1: [3, 4] + [9, 10]; biases 2, 5, 8, 11 are left out.
    expect(Array.from(parameters.wordVectors())).toEqual([6, 8, 12, 14]);
    expect(Array.from(parameters.wordVectors('word'))).toEqual([0, 1, 3, 4]);
  });

  it('can live on a (shared) buffer of GloveParameters.bytes', () => {
    const buffer = new SharedArrayBuffer(GloveParameters.bytes(4, 3));
    const parameters = GloveParameters.random(4, 3, 0, buffer);
    expect(parameters.weights.buffer).toBe(buffer);
    expect(parameters.gradsq.buffer).toBe(buffer);
    expect(parameters.weights).toEqual(GloveParameters.random(4, 3, 0).weights);
    expect(() => GloveParameters.random(4, 3, 0, new ArrayBuffer(8))).toThrow('GloveParameters.random: buffer must hold 512 bytes, got 8');
  });

  it('names the function and the argument in its errors', () => {
    expect(() => new GloveParameters(2, 2, new Float64Array(11), new Float64Array(12))).toThrow(
      'GloveParameters: weights must be a Float64Array of 2 x 2 x (2 + 1) = 12, got a Float64Array of 11',
    );
    expect(() => GloveParameters.random(0, 2, 0)).toThrow('GloveParameters.random: vocabSize must be an integer >= 1, got 0');
    expect(() => GloveParameters.random(2, 2, 0).wordVectors('both' as never)).toThrow(/which must be 'sum' or 'word'/);
  });
});
