import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { augmentView } from './augment-view.js';
import { colorJitter } from './color-jitter.js';
import { gaussianBlur } from './gaussian-blur.js';
import { horizontalFlip } from './horizontal-flip.js';
import type { ImageBatch } from './image-batch.js';
import { randomGrayscale } from './random-grayscale.js';
import { randomResizedCrop } from './random-resized-crop.js';
import { solarize } from './solarize.js';
import { bytes, randomImages } from '../../test/fixtures/images.js';

const FULL = {
  crop: { size: 12, scale: [0.2, 1] as const },
  horizontalFlip: { probability: 0.5 },
  colorJitter: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, probability: 0.8 },
  grayscale: { probability: 0.2 },
  gaussianBlur: { probability: 0.5 },
  solarize: { probability: 0.2 },
};

describe('augmentView', () => {
  it.each([1, 3])('is deterministic byte for byte, and seeds differ (%s channels)', (channels) => {
    const images = randomImages(1, 6, 16, 16, channels);
    expect(bytes(augmentView(images, createRandom(2), FULL)).equals(bytes(augmentView(images, createRandom(2), FULL)))).toBe(true);
    expect(bytes(augmentView(images, createRandom(2), FULL)).equals(bytes(augmentView(images, createRandom(3), FULL)))).toBe(false);
  });

  it('gives the crop size and keeps values in [0, 1]', () => {
    const images = randomImages(4, 5, 20, 24, 3);
    const out = augmentView(images, createRandom(5), FULL);
    expect([out.batch, out.height, out.width, out.channels]).toEqual([5, 12, 12, 3]);
    for (const v of out.data) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const uncropped = augmentView(images, createRandom(5), { horizontalFlip: {} });
    expect([uncropped.height, uncropped.width]).toEqual([20, 24]);
  });

  it('with one step draws exactly what that step alone draws', () => {
    const images = randomImages(6, 6, 10, 10, 3);
    const cases: [object, (random: ReturnType<typeof createRandom>) => ImageBatch][] = [
      [{ crop: { size: 7 } }, (r) => randomResizedCrop(images, r, { size: 7 })],
      [{ horizontalFlip: {} }, (r) => horizontalFlip(images, r)],
      [{ colorJitter: { probability: 0.9 } }, (r) => colorJitter(images, r, { probability: 0.9 })],
      [{ grayscale: { probability: 0.5 } }, (r) => randomGrayscale(images, r, { probability: 0.5 })],
      [{ gaussianBlur: { probability: 0.7 } }, (r) => gaussianBlur(images, r, { probability: 0.7 })],
      [{ solarize: { probability: 0.6 } }, (r) => solarize(images, r, { probability: 0.6 })],
    ];
    for (const [recipe, single] of cases) {
      expect(bytes(augmentView(images, createRandom(7), recipe)).equals(bytes(single(createRandom(7))))).toBe(true);
    }
  });

  it('folds the flip into the crop: crop then flip, image by image', () => {
    const images = randomImages(8, 4, 9, 9, 3);
    const fused = augmentView(images, createRandom(9), { crop: { scale: [1, 1], ratio: [1, 1] }, horizontalFlip: { probability: 1 } });
    const separate = horizontalFlip(randomResizedCrop(images, createRandom(9), { scale: [1, 1], ratio: [1, 1] }), createRandom(0), {
      probability: 1,
    });
    for (let i = 0; i < fused.data.length; i++) expect(fused.data[i]).toBeCloseTo(separate.data[i], 6);
  });

  it('does nothing with an empty recipe, and names the caller in errors', () => {
    const images = randomImages(10, 2, 4, 4, 1);
    expect(augmentView(images, createRandom(0), {}).data).toEqual(images.data);
    expect(() => augmentView(images, createRandom(0), { crop: { scale: [0, 0.5] } })).toThrow(/augmentView: recipe.crop.scale must be/);
    expect(() => augmentView(images, createRandom(0), { horizontalFlip: { probability: 3 } })).toThrow(
      /augmentView: recipe.horizontalFlip.probability must be a number in \[0, 1\], got 3/,
    );
    expect(() => augmentView(images, createRandom(0), { colorJitter: { hue: -0.1 } })).toThrow(/augmentView: recipe.colorJitter.hue/);
    expect(() => augmentView(images, createRandom(0), { solarize: { threshold: 2 } })).toThrow(/augmentView: recipe.solarize.threshold/);
  });
});
