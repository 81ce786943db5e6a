import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import type { ImageBatch } from './image-batch.js';
import { ITU_R_601_LUMA_WEIGHTS } from './luma.js';
import { RANDOM_GRAYSCALE_DEFAULTS, randomGrayscale } from './random-grayscale.js';
import { randomImages } from '../../test/fixtures/images.js';

describe('randomGrayscale', () => {
  it('writes the ITU-R 601 luma into all three channels, keeping the channel count', () => {
    expect(ITU_R_601_LUMA_WEIGHTS).toEqual([0.299, 0.587, 0.114]);
    const images = randomImages(1, 2, 3, 4, 3);
    const out = randomGrayscale(images, createRandom(2), { probability: 1 });
    expect(out.channels).toBe(3);
    for (let i = 0; i < out.data.length; i += 3) {
      expect(out.data[i + 1]).toBe(out.data[i]);
      expect(out.data[i + 2]).toBe(out.data[i]);
      const luma = 0.299 * images.data[i] + 0.587 * images.data[i + 1] + 0.114 * images.data[i + 2];
      expect(out.data[i]).toBeCloseTo(luma, 6);
    }
    const white: ImageBatch = { data: Float32Array.from([1, 1, 1, 0, 1, 0]), batch: 1, height: 1, width: 2, channels: 3 };
    expect(Array.from(randomGrayscale(white, createRandom(0), { probability: 1 }).data).map((v) => Number(v.toFixed(6)))).toEqual([
      1, 1, 1, 0.587, 0.587, 0.587,
    ]);
  });

  it('converts about 20% of the images by default, the same ones for the same seed', () => {
    expect(RANDOM_GRAYSCALE_DEFAULTS).toEqual({ probability: 0.2 });
    const images = randomImages(3, 500, 1, 1, 3);
    const out = randomGrayscale(images, createRandom(4));
    let gray = 0;
    for (let n = 0; n < 500; n++) if (out.data[3 * n] !== images.data[3 * n]) gray++;
    expect(gray).toBeGreaterThan(70);
    expect(gray).toBeLessThan(130);
    expect(randomGrayscale(images, createRandom(4)).data).toEqual(out.data);
  });

  it('leaves one-channel images as they are, and everything at probability 0', () => {
    const mono = randomImages(5, 3, 4, 4, 1);
    expect(randomGrayscale(mono, createRandom(6), { probability: 1 }).data).toEqual(mono.data);
    const rgb = randomImages(7, 3, 4, 4, 3);
    expect(randomGrayscale(rgb, createRandom(6), { probability: 0 }).data).toEqual(rgb.data);
  });

  it('rejects a bad probability', () => {
    expect(() => randomGrayscale(randomImages(8, 1, 1, 1, 3), createRandom(0), { probability: 2 })).toThrow(
      /randomGrayscale: options.probability must be a number in \[0, 1\], got 2/,
    );
  });
});
