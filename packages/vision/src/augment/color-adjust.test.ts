import { describe, expect, it } from 'vitest';
import { adjustBrightness, adjustContrast, adjustHue, adjustSaturation } from './color-adjust.js';
import type { ImageBatch } from './image-batch.js';
import { randomImages } from '../../test/fixtures/images.js';

const clamp = (v: number) => Math.min(1, Math.max(0, v));
const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** Float64 HSV round trip with the textbook formulas: rotate the hue by `shift` turns. */
function naiveHue(r: number, g: number, b: number, shift: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  let h = 0;
  if (delta > 0) {
    if (max === r) h = (g - b) / delta / 6;
    else if (max === g) h = ((b - r) / delta + 2) / 6;
    else h = ((r - g) / delta + 4) / 6;
  }
  const s = max === 0 ? 0 : delta / max;
  const v = max;
  h = (((h + shift) % 1) + 1) % 1;
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  return (
    [
      [v, t, p],
      [q, v, p],
      [p, v, t],
      [p, q, v],
      [t, p, v],
      [v, p, q],
    ] as const
  )[i % 6].slice() as [number, number, number];
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('colour adjustments', () => {
  const images = randomImages(1, 3, 6, 7, 3);

  it('are identities at brightness 1, contrast 1, saturation 1 and hue 0', () => {
    expect(adjustBrightness(images, 1).data).toEqual(images.data);
    expect(maxDifference(adjustContrast(images, 1).data, images.data)).toBeLessThan(1e-6);
    expect(maxDifference(adjustSaturation(images, 1).data, images.data)).toBeLessThan(1e-6);
    expect(maxDifference(adjustHue(images, 0).data, images.data)).toBeLessThan(1e-6);
  });

  it.each([0, 0.5, 1.7])('match a float64 loop (factor %s)', (factor) => {
    const pixels = images.height * images.width;
    const brightness = Array.from(images.data, (v) => clamp(v * factor));
    const contrast: number[] = [];
    const saturation: number[] = [];
    for (let n = 0; n < images.batch; n++) {
      const base = n * pixels * 3;
      let mean = 0;
      for (let p = 0; p < pixels; p++) mean += luma(images.data[base + 3 * p], images.data[base + 3 * p + 1], images.data[base + 3 * p + 2]);
      mean /= pixels;
      for (let k = 0; k < pixels * 3; k++) contrast.push(clamp(factor * images.data[base + k] + (1 - factor) * mean));
      for (let p = 0; p < pixels; p++) {
        const [r, g, b] = [0, 1, 2].map((c) => images.data[base + 3 * p + c]);
        const gray = luma(r, g, b);
        for (const v of [r, g, b]) saturation.push(clamp(factor * v + (1 - factor) * gray));
      }
    }
    expect(maxDifference(adjustBrightness(images, factor).data, brightness)).toBeLessThan(1e-6);
    expect(maxDifference(adjustContrast(images, factor).data, contrast)).toBeLessThan(1e-6);
    expect(maxDifference(adjustSaturation(images, factor).data, saturation)).toBeLessThan(1e-6);
  });

  it.each([0.1, -0.23, 0.5, -0.5, 1 / 6, 0.37])('rotate the hue as a float64 HSV round trip (shift %s)', (shift) => {
    const expected: number[] = [];
    for (let i = 0; i < images.data.length; i += 3) expected.push(...naiveHue(images.data[i], images.data[i + 1], images.data[i + 2], shift));
    expect(maxDifference(adjustHue(images, shift).data, expected)).toBeLessThan(1e-6);
  });

  it('give the known cases: black, mean gray, luma, complementary colour', () => {
    const red: ImageBatch = { data: Float32Array.from([1, 0, 0, 0, 0, 1]), batch: 1, height: 1, width: 2, channels: 3 };
    expect(Array.from(adjustBrightness(red, 0).data)).toEqual([0, 0, 0, 0, 0, 0]);
    const mean = (0.299 + 0.114) / 2;
    for (const v of adjustContrast(red, 0).data) expect(v).toBeCloseTo(mean, 6);
    const gray = adjustSaturation(red, 0).data;
    expect(Array.from(gray.slice(0, 3)).map((v) => Number(v.toFixed(6)))).toEqual([0.299, 0.299, 0.299]);
    expect(Array.from(gray.slice(3)).map((v) => Number(v.toFixed(6)))).toEqual([0.114, 0.114, 0.114]);
    // Half a turn takes red to cyan and blue to yellow; a third of a turn takes red to green.
    expect(Array.from(adjustHue(red, 0.5).data)).toEqual([0, 1, 1, 1, 1, 0]);
    expect(Array.from(adjustHue(red, 1 / 3).data.slice(0, 3)).map((v) => Number(v.toFixed(6)))).toEqual([0, 1, 0]);
    // Gray pixels have no hue.
    const grayPixel: ImageBatch = { data: Float32Array.from([0.4, 0.4, 0.4]), batch: 1, height: 1, width: 1, channels: 3 };
    expect(adjustHue(grayPixel, 0.3).data).toEqual(grayPixel.data);
  });

  it('keep values in [0, 1]', () => {
    for (const out of [adjustBrightness(images, 2.5), adjustContrast(images, 3), adjustSaturation(images, 3), adjustHue(images, 0.4)]) {
      for (const v of out.data) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });

  it('leave one-channel images alone for saturation and hue, and adjust brightness and contrast', () => {
    const mono = randomImages(2, 2, 4, 4, 1);
    expect(adjustSaturation(mono, 0.2).data).toEqual(mono.data);
    expect(adjustHue(mono, 0.3).data).toEqual(mono.data);
    expect(
      maxDifference(
        adjustBrightness(mono, 0.5).data,
        Array.from(mono.data, (v) => v * 0.5),
      ),
    ).toBeLessThan(1e-7);
    const contrast = adjustContrast(mono, 0);
    const firstMean = mono.data.slice(0, 16).reduce((s, v) => s + v, 0) / 16;
    for (const v of contrast.data.slice(0, 16)) expect(v).toBeCloseTo(firstMean, 6);
  });

  it('reject bad factors naming the function and the argument', () => {
    expect(() => adjustBrightness(images, -1)).toThrow(/adjustBrightness: factor must be a finite number >= 0, got -1/);
    expect(() => adjustContrast(images, Number.POSITIVE_INFINITY)).toThrow(/adjustContrast: factor/);
    expect(() => adjustSaturation(images, Number.NaN)).toThrow(/adjustSaturation: factor/);
    expect(() => adjustHue(images, 0.6)).toThrow(/adjustHue: shift must be a number in \[-0.5, 0.5\], got 0.6/);
  });
});
