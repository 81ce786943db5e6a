import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import type { ImageBatch } from './image-batch.js';
import { RANDOM_RESIZED_CROP_DEFAULTS, randomResizedCrop, sampleCropBox } from './random-resized-crop.js';
import { randomImages } from '../../test/fixtures/images.js';

describe('sampleCropBox', () => {
  it('draws boxes inside the image with area and aspect ratio in range', () => {
    const random = createRandom(1);
    for (let i = 0; i < 500; i++) {
      const box = sampleCropBox(random, 64, 48);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top + box.height).toBeLessThanOrEqual(64);
      expect(box.left + box.width).toBeLessThanOrEqual(48);
      // Rounding to whole pixels moves area and ratio a little off the drawn values.
      const area = (box.height * box.width) / (64 * 48);
      expect(area).toBeGreaterThan(0.08 * 0.7);
      expect(area).toBeLessThanOrEqual(1);
      const ratio = box.width / box.height;
      expect(ratio).toBeGreaterThan((3 / 4) * 0.8);
      expect(ratio).toBeLessThan((4 / 3) * 1.25);
    }
  });

  it('falls back to a centred crop with the ratio clamped when no draw fits', () => {
    // Area 1 with a ratio of at least 2 never fits a square: the fallback is the whole
    // width and width / 2 rows, centred.
    const box = sampleCropBox(createRandom(2), 40, 40, [1, 1], [2, 3]);
    expect(box).toEqual({ top: 10, left: 0, height: 20, width: 40 });
    const tall = sampleCropBox(createRandom(2), 40, 40, [1, 1], [0.25, 0.5]);
    expect(tall).toEqual({ top: 0, left: 10, height: 40, width: 20 });
  });

  it('uses the Inception defaults', () => {
    expect(RANDOM_RESIZED_CROP_DEFAULTS).toEqual({ scale: [0.08, 1], ratio: [3 / 4, 4 / 3] });
  });
});

describe('randomResizedCrop', () => {
  it('is the identity with scale (1, 1) and ratio (1, 1) at the input size', () => {
    const images = randomImages(3, 3, 12, 12, 3);
    const out = randomResizedCrop(images, createRandom(4), { scale: [1, 1], ratio: [1, 1] });
    expect(out.data.length).toBe(images.data.length);
    for (let i = 0; i < out.data.length; i++) expect(out.data[i]).toBeCloseTo(images.data[i], 6);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const images = randomImages(5, 4, 16, 16, 3);
    const a = randomResizedCrop(images, createRandom(7), { size: 8 });
    const b = randomResizedCrop(images, createRandom(7), { size: 8 });
    const c = randomResizedCrop(images, createRandom(8), { size: 8 });
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(c.data.buffer))).toBe(false);
  });

  it('gives the requested shape, keeps values in [0, 1] and leaves the input alone', () => {
    const images = randomImages(6, 5, 20, 30, 1);
    const before = images.data.slice();
    const out = randomResizedCrop(images, createRandom(9), { size: [24, 12] });
    expect([out.batch, out.height, out.width, out.channels]).toEqual([5, 24, 12, 1]);
    expect(out.data.length).toBe(5 * 24 * 12);
    for (const value of out.data) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(images.data).toEqual(before);
  });

  it('crops: a crop of a left-dark, right-bright image is never brighter than the bright half', () => {
    const height = 16;
    const width = 16;
    const data = new Float32Array(height * width);
    for (let y = 0; y < height; y++) for (let x = width / 2; x < width; x++) data[y * width + x] = 1;
    const images: ImageBatch = { data, batch: 1, height, width, channels: 1 };
    const random = createRandom(10);
    let sawDark = false;
    let sawBright = false;
    for (let i = 0; i < 50; i++) {
      const out = randomResizedCrop(images, random, { scale: [0.05, 0.1] });
      const mean = out.data.reduce((s, v) => s + v, 0) / out.data.length;
      if (mean === 0) sawDark = true;
      if (mean === 1) sawBright = true;
    }
    expect(sawDark && sawBright).toBe(true);
  });

  it('rejects bad options and inputs with the function and option named', () => {
    const images = randomImages(11, 1, 8, 8, 3);
    const random = createRandom(0);
    expect(() => randomResizedCrop(images, random, { scale: [0, 1] })).toThrow(
      /randomResizedCrop: options.scale must be \[min, max\] with 0 < min <= max <= 1, got \[0, 1\]/,
    );
    expect(() => randomResizedCrop(images, random, { scale: [0.5, 1.5] })).toThrow(/randomResizedCrop: options.scale/);
    expect(() => randomResizedCrop(images, random, { scale: [0.9, 0.5] })).toThrow(/randomResizedCrop: options.scale/);
    expect(() => randomResizedCrop(images, random, { ratio: [-1, 2] })).toThrow(/randomResizedCrop: options.ratio/);
    expect(() => randomResizedCrop(images, random, { size: 0 })).toThrow(/randomResizedCrop: options.size must be a positive integer/);
    expect(() => randomResizedCrop({ ...images, data: new Float32Array(10) }, random)).toThrow(
      /randomResizedCrop: images.data must have batch \* height \* width \* channels = 1 \* 8 \* 8 \* 3 = 192 values, got 10/,
    );
    expect(() => randomResizedCrop({ ...images, channels: 2 }, random)).toThrow(/randomResizedCrop: images.channels must be 1 or 3, got 2/);
  });
});
