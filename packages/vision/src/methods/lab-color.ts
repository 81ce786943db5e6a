import type { FloatImages } from '../data/select-images.js';

/**
 * Images in CIE L*a*b*, NHWC float32 with 3 channels: L in [0, 100] (lightness), a and b
 * (green-red and blue-yellow) in about [-110, 110] for sRGB colours. Same layout as
 * `FloatImages`, but the values are not in [0, 1].
 */
export type LabImages = FloatImages;

/** The D65 white point in XYZ (Y = 1), the reference white of sRGB. */
export const D65_WHITE: readonly [number, number, number] = [0.95047, 1, 1.08883];

// Linear sRGB <-> XYZ (D65), IEC 61966-2-1.
const RGB_TO_XYZ = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041];
const XYZ_TO_RGB = [3.2404542, -1.5371385, -0.4985314, -0.969266, 1.8760108, 0.041556, 0.0556434, -0.2040259, 1.0572252];
const EPSILON = 6 / 29; // where CIE's f(t) switches from the cube root to the linear segment

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const f = (t: number) => (t > EPSILON ** 3 ? Math.cbrt(t) : t / (3 * EPSILON * EPSILON) + 4 / 29);
const fInverse = (t: number) => (t > EPSILON ? t * t * t : 3 * EPSILON * EPSILON * (t - 4 / 29));

function checkThreeChannels(fn: string, argument: string, images: FloatImages): void {
  if (images.channels !== 3) {
    throw new Error(`${fn}: ${argument} must have 3 channels, got ${images.channels}`);
  }
  const expected = images.batch * images.height * images.width * 3;
  if (images.data.length !== expected) {
    throw new Error(
      `${fn}: ${argument}.data must hold ${images.batch}x${images.height}x${images.width}x3 = ${expected} values, got ${images.data.length}`,
    );
  }
}

/**
 * Converts sRGB images (D65, values in [0, 1]) to CIE L*a*b*: sRGB gamma removed, linear
 * RGB to XYZ, XYZ scaled by the D65 white, then L = 116 f(Y) - 16, a = 500 (f(X) - f(Y)),
 * b = 200 (f(Y) - f(Z)) with f the CIE cube root (linear near 0). White is (100, 0, 0),
 * pure red about (53.24, 80.09, 67.20). NaN in, NaN out. Computed in float64 per pixel.
 *
 * Shape: [B, H, W, 3] to [B, H, W, 3].
 *
 * @example
 * const lab = rgbToLab({ data: Float32Array.from([1, 0, 0]), batch: 1, height: 1, width: 1, channels: 3 });
 * lab.data; // ≈ [53.24, 80.09, 67.20]
 */
export function rgbToLab(images: FloatImages): LabImages {
  checkThreeChannels('rgbToLab', 'images', images);
  const source = images.data;
  const data = new Float32Array(source.length);
  const [m, [xn, yn, zn]] = [RGB_TO_XYZ, D65_WHITE];
  for (let i = 0; i < source.length; i += 3) {
    const r = toLinear(source[i]);
    const g = toLinear(source[i + 1]);
    const b = toLinear(source[i + 2]);
    const fx = f((m[0] * r + m[1] * g + m[2] * b) / xn);
    const fy = f((m[3] * r + m[4] * g + m[5] * b) / yn);
    const fz = f((m[6] * r + m[7] * g + m[8] * b) / zn);
    data[i] = 116 * fy - 16;
    data[i + 1] = 500 * (fx - fy);
    data[i + 2] = 200 * (fy - fz);
  }
  return { ...images, data };
}

/**
 * Converts CIE L*a*b* images back to sRGB (D65) in [0, 1], the inverse of `rgbToLab`.
 * Colours outside the sRGB gamut (a predicted ab too saturated for its L) are clipped
 * to [0, 1] per channel.
 *
 * Shape: [B, H, W, 3] to [B, H, W, 3].
 *
 * @example
 * const rgb = labToRgb({ data: Float32Array.from([100, 0, 0]), batch: 1, height: 1, width: 1, channels: 3 });
 * rgb.data; // ≈ [1, 1, 1]
 */
export function labToRgb(images: LabImages): FloatImages {
  checkThreeChannels('labToRgb', 'images', images);
  const source = images.data;
  const data = new Float32Array(source.length);
  const [m, [xn, yn, zn]] = [XYZ_TO_RGB, D65_WHITE];
  const clip = (c: number) => Math.min(1, Math.max(0, c)); // NaN passes through
  for (let i = 0; i < source.length; i += 3) {
    const fy = (source[i] + 16) / 116;
    const x = xn * fInverse(fy + source[i + 1] / 500);
    const y = yn * fInverse(fy);
    const z = zn * fInverse(fy - source[i + 2] / 200);
    data[i] = clip(toGamma(m[0] * x + m[1] * y + m[2] * z));
    data[i + 1] = clip(toGamma(m[3] * x + m[4] * y + m[5] * z));
    data[i + 2] = clip(toGamma(m[6] * x + m[7] * y + m[8] * z));
  }
  return { ...images, data };
}
