import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { noiseSpanCounts, RANDOM_SPANS_DEFAULTS, randomSpansNoiseMask } from './random-spans-noise-mask.js';

/** Lengths of the runs of 1s. */
const spans = (mask: Uint8Array) => {
  const lengths: number[] = [];
  mask.forEach((bit, i) => {
    if (bit && (i === 0 || !mask[i - 1])) lengths.push(0);
    if (bit) lengths[lengths.length - 1]++;
  });
  return lengths;
};

describe('noiseSpanCounts (T5 random_spans_noise_mask arithmetic)', () => {
  it('defaults are T5’s', () => {
    expect(RANDOM_SPANS_DEFAULTS).toEqual({ noiseDensity: 0.15, meanNoiseSpanLength: 3 });
  });

  it.each([
    // length, noise tokens = round(length x 0.15), spans = round(noise / 3); by hand:
    [568, 85, 28], // T5's pre-training: 568 tokens give inputs of 568 - 85 + 28 + 1 = 512 and targets of 85 + 28 + 1 = 114
    [512, 77, 26], // 76.8 -> 77, 25.67 -> 26
    [100, 15, 5],
    [30, 4, 1], // 4.5 rounds to even (float32 0.15 x 30 is 4.5 exactly): 4, not Math.round's 5
    [10, 2, 1], // 1.5 -> 2, 0.67 -> 1
    [20, 3, 1],
    [3, 1, 1], // 0.45 -> 0, then at least 1
    [1, 1, 1], // length raised to 2: 1 noise token, 1 kept (the mask keeps the first)
    [0, 1, 1],
  ])('length %i: %i noise tokens in %i spans', (length, noiseTokens, noiseSpans) => {
    expect(noiseSpanCounts(length)).toEqual({ noiseTokens, noiseSpans, nonNoiseTokens: Math.max(length, 2) - noiseTokens });
  });

  it('follows the density and span length it is given', () => {
    expect(noiseSpanCounts(100, { noiseDensity: 0.5, meanNoiseSpanLength: 10 })).toEqual({ noiseTokens: 50, noiseSpans: 5, nonNoiseTokens: 50 });
    expect(noiseSpanCounts(10, { noiseDensity: 0.99 })).toEqual({ noiseTokens: 9, noiseSpans: 3, nonNoiseTokens: 1 }); // at most n - 1
  });
});

describe('randomSpansNoiseMask', () => {
  it('gives an exact mask on a fixed seed', () => {
    // 20 tokens: 3 noise tokens in one span, 17 kept split in 1 run before it (so the noise ends the sequence).
    expect([...randomSpansNoiseMask(20, createRandom(0))].join('')).toBe('00000000000000000111');
    // 40 tokens at density 0.3, mean span 2: 12 noise tokens in 6 spans (2, 5, 1, 2, 1, 1), kept first.
    expect([...randomSpansNoiseMask(40, createRandom(0), { noiseDensity: 0.3, meanNoiseSpanLength: 2 })].join('')).toMatchInlineSnapshot(
      `"0000000011011111000001000110000000001001"`,
    );
  });

  it('has exactly the counted noise tokens and spans, starts kept and ends with noise', () => {
    for (const length of [2, 5, 17, 64, 128, 512, 568]) {
      for (let seed = 0; seed < 20; seed++) {
        const mask = randomSpansNoiseMask(length, createRandom(seed));
        const { noiseTokens, noiseSpans } = noiseSpanCounts(length);
        expect(mask).toHaveLength(length);
        expect(mask.reduce((a, b) => a + b, 0)).toBe(noiseTokens);
        expect(spans(mask)).toHaveLength(noiseSpans);
        expect(mask[0]).toBe(0);
        expect(mask[length - 1]).toBe(1);
      }
    }
  });

  it('draws span lengths as a uniform random partition (mean 77 / 26, share of 1-token spans (k - 1) / (n - 1))', () => {
    // A uniformly random composition of n = 77 into k = 26 positive parts has P(part = 1) = 25 / 76.
    const random = createRandom(11);
    const lengths: number[] = [];
    let noise = 0;
    for (let i = 0; i < 2000; i++) {
      const mask = randomSpansNoiseMask(512, random);
      noise += mask.reduce((a, b) => a + b, 0);
      lengths.push(...spans(mask));
    }
    expect(noise / (2000 * 512)).toBeCloseTo(77 / 512, 10); // density 0.1504, exactly, on every draw
    expect(lengths.reduce((a, b) => a + b, 0) / lengths.length).toBeCloseTo(77 / 26, 10); // mean span 2.96
    const ones = lengths.filter((length) => length === 1).length / lengths.length;
    expect(Math.abs(ones - 25 / 76)).toBeLessThan(0.01); // 52,000 spans: sd 0.002
  });

  it('is all kept with noise density 0, and the same on the same seed', () => {
    expect([...randomSpansNoiseMask(10, createRandom(0), { noiseDensity: 0 })]).toEqual(new Array(10).fill(0));
    expect(randomSpansNoiseMask(300, createRandom(5))).toEqual(randomSpansNoiseMask(300, createRandom(5)));
    expect(randomSpansNoiseMask(300, createRandom(5))).not.toEqual(randomSpansNoiseMask(300, createRandom(6)));
  });

  it('errors name the argument', () => {
    expect(() => randomSpansNoiseMask(-1, createRandom(0))).toThrow('noiseSpanCounts: length must be an integer >= 0, got -1');
    expect(() => randomSpansNoiseMask(10, createRandom(0), { noiseDensity: 1 })).toThrow(
      'noiseSpanCounts: options.noiseDensity must be a number in [0, 1)',
    );
    expect(() => randomSpansNoiseMask(10, createRandom(0), { meanNoiseSpanLength: 0.5 })).toThrow(
      'noiseSpanCounts: options.meanNoiseSpanLength must be a finite number >= 1, got 0.5',
    );
    expect(() => randomSpansNoiseMask(10, null as never)).toThrow('randomSpansNoiseMask: random must be a SeededRandom');
    expect(() => randomSpansNoiseMask(10, createRandom(0), { noiseDensity: 0.9, meanNoiseSpanLength: 1 })).toThrow(
      'randomSpansNoiseMask: 9 noise spans need as many kept tokens between them, but length 10 leaves 1',
    );
  });
});
