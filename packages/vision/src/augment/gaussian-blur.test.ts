import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { GAUSSIAN_BLUR_DEFAULTS, gaussianBlur, gaussianBlurKernelSize } from './gaussian-blur.js';
import type { ImageBatch } from './image-batch.js';
import { randomImages } from '../../test/fixtures/images.js';

/** Normalised Gaussian weights of `size` taps. */
function gaussian(size: number, sigma: number): number[] {
  const radius = (size - 1) / 2;
  const weights = Array.from({ length: size }, (_, t) => Math.exp(-((t - radius) ** 2) / (2 * sigma * sigma)));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

const always = (sigma: number, kernelSize?: number) => ({ probability: 1, sigma: [sigma, sigma] as const, kernelSize });

describe('gaussianBlur', () => {
  it('sizes the kernel at 10% of the image side, odd, at least 3', () => {
    expect([224, 96, 32, 28, 500, 8].map((side) => gaussianBlurKernelSize(side, side))).toEqual([23, 9, 3, 3, 51, 3]);
    expect(gaussianBlurKernelSize(224, 96)).toBe(9);
    expect(GAUSSIAN_BLUR_DEFAULTS).toEqual({ probability: 0.5, sigma: [0.1, 2.0] });
  });

  it('keeps a constant image constant', () => {
    const constant: ImageBatch = { data: new Float32Array(2 * 10 * 12 * 3).fill(0.3), batch: 2, height: 10, width: 12, channels: 3 };
    for (const v of gaussianBlur(constant, createRandom(1), { probability: 1, kernelSize: 7 }).data) expect(v).toBeCloseTo(0.3, 6);
  });

  it('spreads a single bright pixel as the outer product of the 1-D kernel', () => {
    const data = new Float32Array(9 * 9);
    data[4 * 9 + 4] = 1;
    const out = gaussianBlur({ data, batch: 1, height: 9, width: 9, channels: 1 }, createRandom(2), always(1, 5)).data;
    const weights = gaussian(5, 1);
    for (let y = 0; y < 9; y++) {
      for (let x = 0; x < 9; x++) {
        const inside = Math.abs(y - 4) <= 2 && Math.abs(x - 4) <= 2;
        const expected = inside ? weights[y - 2] * weights[x - 2] : 0;
        expect(out[y * 9 + x]).toBeCloseTo(expected, 6);
      }
    }
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });

  it('pads by reflection (the edge pixel is not repeated)', () => {
    // Row [0, 0, 1], kernel [a, b, a]: x = 0 reads [v1, v0, v1] = 0, x = 1 reads [0, 0, 1] -> a,
    // x = 2 reads [v1, v2, v1] -> b. A one-row image reflects onto itself vertically.
    const [a, b] = gaussian(3, 0.8);
    const out = gaussianBlur({ data: Float32Array.from([0, 0, 1]), batch: 1, height: 1, width: 3, channels: 1 }, createRandom(3), always(0.8, 3));
    expect(out.data[0]).toBeCloseTo(0, 7);
    expect(out.data[1]).toBeCloseTo(a, 6);
    expect(out.data[2]).toBeCloseTo(b, 6);
  });

  it('roughly preserves the mean and lowers the variance', () => {
    const images = randomImages(4, 1, 32, 32, 3);
    const out = gaussianBlur(images, createRandom(5), always(2, 7)).data;
    const mean = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v, 0) / values.length;
    const variance = (values: ArrayLike<number>) => {
      const m = mean(values);
      return Array.from(values).reduce((s, v) => s + (v - m) ** 2, 0) / values.length;
    };
    expect(Math.abs(mean(out) - mean(images.data))).toBeLessThan(0.01);
    expect(variance(out)).toBeLessThan(variance(images.data) / 5);
    for (const v of out) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic for a seed, blurs with the given probability, and leaves the input alone', () => {
    const images = randomImages(6, 40, 8, 8, 1);
    const before = images.data.slice();
    const out = gaussianBlur(images, createRandom(7), { probability: 0.5 });
    expect(gaussianBlur(images, createRandom(7), { probability: 0.5 }).data).toEqual(out.data);
    expect(gaussianBlur(images, createRandom(8), { probability: 0.5 }).data).not.toEqual(out.data);
    let blurred = 0;
    for (let n = 0; n < 40; n++) if (out.data[64 * n + 27] !== images.data[64 * n + 27]) blurred++;
    expect(blurred).toBeGreaterThan(10);
    expect(blurred).toBeLessThan(30);
    expect(gaussianBlur(images, createRandom(7), { probability: 0 }).data).toEqual(images.data);
    expect(images.data).toEqual(before);
  });

  it('rejects an even kernel, a non-positive sigma and a bad probability', () => {
    const images = randomImages(9, 1, 8, 8, 3);
    const random = createRandom(0);
    expect(() => gaussianBlur(images, random, { kernelSize: 4 })).toThrow(/gaussianBlur: options.kernelSize must be an odd positive integer, got 4/);
    expect(() => gaussianBlur(images, random, { sigma: [0, 1] })).toThrow(
      /gaussianBlur: options.sigma must be \[min, max\] with 0 < min <= max, got \[0, 1\]/,
    );
    expect(() => gaussianBlur(images, random, { probability: 1.1 })).toThrow(/gaussianBlur: options.probability/);
  });
});
