import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { adjustBrightness } from './color-adjust.js';
import { COLOR_JITTER_DEFAULTS, colorJitter } from './color-jitter.js';
import type { ImageBatch } from './image-batch.js';
import { bytes, randomImages } from '../../test/fixtures/images.js';

describe('colorJitter', () => {
  const images = randomImages(1, 8, 6, 6, 3);

  it('defaults to SimCLR at strength 1', () => {
    expect(COLOR_JITTER_DEFAULTS).toEqual({ brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.2, probability: 0.8 });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(bytes(colorJitter(images, createRandom(3))).equals(bytes(colorJitter(images, createRandom(3))))).toBe(true);
    expect(bytes(colorJitter(images, createRandom(3))).equals(bytes(colorJitter(images, createRandom(4))))).toBe(false);
  });

  it('is the identity with zero strengths or probability 0', () => {
    const none = { brightness: 0, contrast: 0, saturation: 0, hue: 0, probability: 1 };
    expect(colorJitter(images, createRandom(5), none).data).toEqual(images.data);
    expect(colorJitter(images, createRandom(5), { probability: 0 }).data).toEqual(images.data);
  });

  it('changes every image at probability 1 and keeps values in [0, 1]', () => {
    const out = colorJitter(images, createRandom(6), { brightness: 0.9, contrast: 0.9, saturation: 0.9, hue: 0.5, probability: 1 });
    const size = 6 * 6 * 3;
    for (let n = 0; n < images.batch; n++) {
      expect(out.data.slice(n * size, (n + 1) * size)).not.toEqual(images.data.slice(n * size, (n + 1) * size));
    }
    for (const v of out.data) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('applies a brightness factor from [1 - s, 1 + s]', () => {
    // A constant image under brightness alone becomes constant * factor.
    const constant: ImageBatch = { data: new Float32Array(200 * 3).fill(0.5), batch: 200, height: 1, width: 1, channels: 3 };
    const out = colorJitter(constant, createRandom(7), { brightness: 0.4, contrast: 0, saturation: 0, hue: 0, probability: 1 });
    const factors = Array.from({ length: 200 }, (_, n) => out.data[3 * n] / 0.5);
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.6 - 1e-6);
    expect(Math.max(...factors)).toBeLessThanOrEqual(1.4 + 1e-6);
    expect(Math.min(...factors)).toBeLessThan(0.7);
    expect(Math.max(...factors)).toBeGreaterThan(1.3);
  });

  it('reduces to brightness and contrast on one-channel images', () => {
    const mono = randomImages(8, 6, 5, 5, 1);
    // Saturation and hue alone do nothing to gray images.
    expect(colorJitter(mono, createRandom(9), { brightness: 0, contrast: 0, saturation: 0.8, hue: 0.4, probability: 1 }).data).toEqual(mono.data);
    // Brightness alone scales every pixel of an image by one drawn factor (values <= 0.6: no clamping).
    const dim: ImageBatch = { ...mono, data: mono.data.map((v) => 0.1 + 0.5 * v) };
    const out = colorJitter(dim, createRandom(9), { brightness: 0.5, contrast: 0, saturation: 0, hue: 0, probability: 1 });
    for (let n = 0; n < dim.batch; n++) {
      const factor = out.data[25 * n] / dim.data[25 * n];
      expect(factor).toBeGreaterThanOrEqual(0.5 - 1e-6);
      expect(factor).toBeLessThanOrEqual(1.5 + 1e-6);
      const single: ImageBatch = { ...dim, batch: 1, data: dim.data.slice(25 * n, 25 * (n + 1)) };
      const expected = adjustBrightness(single, factor).data;
      for (let i = 0; i < 25; i++) expect(out.data[25 * n + i]).toBeCloseTo(expected[i], 6);
    }
    // Contrast alone pulls every image towards its mean.
    const contrasted = colorJitter(mono, createRandom(9), { brightness: 0, contrast: 0.5, saturation: 0, hue: 0, probability: 1 });
    expect(contrasted.data).not.toEqual(mono.data);
  });

  it('rejects bad strengths and probabilities, naming the option', () => {
    const random = createRandom(0);
    expect(() => colorJitter(images, random, { brightness: -0.1 })).toThrow(/colorJitter: options.brightness must be a finite number >= 0, got -0.1/);
    expect(() => colorJitter(images, random, { hue: 0.7 })).toThrow(/colorJitter: options.hue must be a number in \[0, 0.5\], got 0.7/);
    expect(() => colorJitter(images, random, { probability: -1 })).toThrow(/colorJitter: options.probability must be a number in \[0, 1\], got -1/);
    expect(() => colorJitter({ ...images, channels: 2 }, random)).toThrow(/colorJitter: images.channels must be 1 or 3, got 2/);
  });
});
