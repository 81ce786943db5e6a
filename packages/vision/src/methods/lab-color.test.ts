import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import type { FloatImages } from '../data/select-images.js';
import { labToRgb, rgbToLab } from './lab-color.js';

const pixels = (...values: number[]): FloatImages => ({
  data: Float32Array.from(values),
  batch: 1,
  height: 1,
  width: values.length / 3,
  channels: 3,
});

describe('rgbToLab / labToRgb (sRGB, D65)', () => {
  it.each([
    ['white', [1, 1, 1], [100, 0, 0]],
    ['black', [0, 0, 0], [0, 0, 0]],
    ['pure red', [1, 0, 0], [53.2408, 80.0925, 67.2032]],
    ['pure green', [0, 1, 0], [87.7347, -86.1827, 83.1793]],
    ['pure blue', [0, 0, 1], [32.297, 79.1875, -107.8602]],
    ['mid gray', [0.5, 0.5, 0.5], [53.3889, 0, 0]],
  ])('%s has the reference Lab values', (_, rgb, expected) => {
    const lab = Array.from(rgbToLab(pixels(...rgb)).data);
    lab.forEach((value, c) => {
      expect(value).toBeCloseTo(expected[c], 2);
    });
  });

  it('round-trips random colours, keeps the batch shape, and leaves its input alone', () => {
    const random = createRandom(7);
    const data = Float32Array.from({ length: 2 * 4 * 5 * 3 }, () => random.next());
    const images: FloatImages = { data, batch: 2, height: 4, width: 5, channels: 3 };
    const copy = data.slice();
    const lab = rgbToLab(images);
    expect({ ...lab, data: null }).toEqual({ ...images, data: null });
    const back = labToRgb(lab).data;
    const error = back.reduce((worst, value, i) => Math.max(worst, Math.abs(value - data[i])), 0);
    expect(error).toBeLessThan(1e-4);
    expect(data).toEqual(copy);
  });

  it('clips colours outside the sRGB gamut to [0, 1], and propagates NaN', () => {
    const rgb = labToRgb(pixels(50, 127, -127, 100, -120, 0)).data;
    for (const value of rgb) expect(value >= 0 && value <= 1).toBe(true);
    expect(rgbToLab(pixels(Number.NaN, 0, 0)).data.every(Number.isNaN)).toBe(true);
    expect(labToRgb(pixels(Number.NaN, 0, 0)).data.every(Number.isNaN)).toBe(true);
  });

  it('rejects images that are not RGB, naming the function and argument', () => {
    const gray: FloatImages = { data: new Float32Array(4), batch: 1, height: 2, width: 2, channels: 1 };
    expect(() => rgbToLab(gray)).toThrow('rgbToLab: images must have 3 channels, got 1');
    expect(() => labToRgb(gray)).toThrow('labToRgb: images must have 3 channels, got 1');
    expect(() => rgbToLab({ ...pixels(1, 1, 1), width: 2 })).toThrow(/rgbToLab: images.data must hold 1x1x2x3 = 6 values, got 3/);
  });
});
