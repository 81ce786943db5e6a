import { describe, expect, it } from 'vitest';
import type { ImageBatch } from './image-batch.js';
import { resizeBilinear } from './resample.js';
import { randomImages } from '../../test/fixtures/images.js';

/** One row of values as a 1 x width x 1 batch. */
const row = (values: number[]): ImageBatch => ({
  data: Float32Array.from(values),
  batch: 1,
  height: 1,
  width: values.length,
  channels: 1,
});

describe('resizeBilinear', () => {
  it('is the identity at the same size', () => {
    const images = randomImages(1, 2, 7, 5, 3);
    expect(resizeBilinear(images, { height: 7, width: 5 }).data).toEqual(images.data);
  });

  it('upsamples a linear gradient linearly, with half-pixel centres and clamped edges', () => {
    // Pixel j of [0, 1/3, 2/3, 1] has its centre at j + 0.5; output o of 8 sits at (o + 0.5) / 2.
    const out = resizeBilinear(row([0, 1 / 3, 2 / 3, 1]), { height: 1, width: 8 });
    const expected = Array.from({ length: 8 }, (_, o) => Math.min(3, Math.max(0, (o + 0.5) / 2 - 0.5)) / 3);
    for (let o = 0; o < 8; o++) expect(out.data[o]).toBeCloseTo(expected[o], 6);
    expect(out.data[0]).toBe(0);
    expect(out.data[7]).toBe(1);
  });

  it('upsamples along the height the same way', () => {
    const column: ImageBatch = { data: Float32Array.from([0, 0.5, 1]), batch: 1, height: 3, width: 1, channels: 1 };
    const out = resizeBilinear(column, { height: 6, width: 1 });
    // Centres at (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, 1.75, 2.25 (clamped to [0, 2]).
    const expected = [0, 0.125, 0.375, 0.625, 0.875, 1];
    for (let o = 0; o < 6; o++) expect(out.data[o]).toBeCloseTo(expected[o], 6);
  });

  it('downsamples a gradient with an area filter that keeps interior values on the line', () => {
    const values = Array.from({ length: 16 }, (_, j) => j / 15);
    const out = resizeBilinear(row(values), { height: 1, width: 4 });
    // Output o covers input [4o, 4o + 4): its centre is at input position 4o + 1.5.
    for (const o of [1, 2]) expect(out.data[o]).toBeCloseTo((4 * o + 1.5) / 15, 6);
    // At the edges the truncated triangle leans inwards but stays between the neighbours.
    expect(out.data[0]).toBeGreaterThan(0);
    expect(out.data[0]).toBeLessThan(out.data[1]);
  });

  it('keeps a constant image constant and values inside [0, 1]', () => {
    const constant: ImageBatch = { data: new Float32Array(2 * 9 * 9 * 3).fill(0.7), batch: 2, height: 9, width: 9, channels: 3 };
    for (const size of [4, 9, 20]) {
      const out = resizeBilinear(constant, { height: size, width: size + 1 });
      for (const value of out.data) expect(value).toBeCloseTo(0.7, 6);
    }
    const ones: ImageBatch = { ...constant, data: new Float32Array(constant.data.length).fill(1) };
    for (const value of resizeBilinear(ones, { height: 13, width: 5 }).data) expect(value).toBeLessThanOrEqual(1);
    for (const value of resizeBilinear(randomImages(2, 1, 9, 9, 3), { height: 23, width: 3 }).data) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('rejects bad sizes and bad batches, naming the function and the argument', () => {
    const images = randomImages(3, 1, 4, 4, 3);
    expect(() => resizeBilinear(images, { height: 0, width: 4 })).toThrow(/resizeBilinear: options.height must be a positive integer, got 0/);
    expect(() => resizeBilinear(images, { height: 4, width: 2.5 })).toThrow(/resizeBilinear: options.width/);
    expect(() => resizeBilinear({ ...images, channels: 2 }, { height: 4, width: 4 })).toThrow(
      /resizeBilinear: images.channels must be 1 or 3, got 2/,
    );
  });
});
