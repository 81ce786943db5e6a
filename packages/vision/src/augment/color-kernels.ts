import { LUMA_BLUE, LUMA_GREEN, LUMA_RED } from './luma.js';

/*
 * In-place kernels of the brightness, contrast and saturation adjustments on one image:
 * `pixels` = height * width values of `channels` each, starting at `offset`. Each is a
 * blend of the image with a gray level, clamped to [0, 1] as torchvision does:
 *
 *   brightness f: x -> f x                          (blend with black)
 *   contrast f:   x -> f x + (1 - f) mean luma      (blend with the image's mean luma)
 *   saturation f: x -> f x + (1 - f) luma(pixel)    (blend with the pixel's own luma)
 *
 * For inputs in [0, 1] a factor f <= 1 gives a convex combination of values in [0, 1],
 * which cannot leave the range, so the clamp (the costly part) runs for f > 1 only. The
 * clamp has no branches: on random images a branchy clamp mispredicts often enough to
 * dominate the pass.
 */

/** Clamps to [0, 1] with comparisons as 0/1 numbers and exact selects. */
function clampToUnit(value: number): number {
  const positive = value * +(value > 0) + 0; // + 0 turns -0 into 0
  const over = +(positive > 1);
  return positive * (1 - over) + over;
}

/** x -> min(1, f x) over one image (f >= 0). */
export function brightnessInPlace(data: Float32Array, offset: number, pixels: number, channels: number, factor: number): void {
  const end = offset + pixels * channels;
  if (factor <= 1) {
    for (let i = offset; i < end; i++) data[i] *= factor;
    return;
  }
  for (let i = offset; i < end; i++) {
    const value = data[i] * factor;
    const over = +(value > 1);
    data[i] = value * (1 - over) + over;
  }
}

/** x -> clamp(f x + (1 - f) m) with m the mean luma of the image (the value itself on one channel). */
export function contrastInPlace(data: Float32Array, offset: number, pixels: number, channels: number, factor: number): void {
  const end = offset + pixels * channels;
  let sum = 0;
  if (channels === 3) {
    for (let i = offset; i < end; i += 3) sum += LUMA_RED * data[i] + LUMA_GREEN * data[i + 1] + LUMA_BLUE * data[i + 2];
  } else {
    for (let i = offset; i < end; i++) sum += data[i];
  }
  const shift = (1 - factor) * (sum / pixels);
  if (factor <= 1) {
    for (let i = offset; i < end; i++) data[i] = factor * data[i] + shift;
    return;
  }
  for (let i = offset; i < end; i++) data[i] = clampToUnit(factor * data[i] + shift);
}

/** x -> clamp(f x + (1 - f) luma) with luma the pixel's ITU-R 601 luma; RGB only. */
export function saturationInPlace(data: Float32Array, offset: number, pixels: number, factor: number): void {
  const end = offset + pixels * 3;
  const complement = 1 - factor;
  if (factor <= 1) {
    for (let i = offset; i < end; i += 3) {
      const red = data[i];
      const green = data[i + 1];
      const blue = data[i + 2];
      const gray = complement * (LUMA_RED * red + LUMA_GREEN * green + LUMA_BLUE * blue);
      data[i] = factor * red + gray;
      data[i + 1] = factor * green + gray;
      data[i + 2] = factor * blue + gray;
    }
    return;
  }
  for (let i = offset; i < end; i += 3) {
    const red = data[i];
    const green = data[i + 1];
    const blue = data[i + 2];
    const gray = complement * (LUMA_RED * red + LUMA_GREEN * green + LUMA_BLUE * blue);
    data[i] = clampToUnit(factor * red + gray);
    data[i + 1] = clampToUnit(factor * green + gray);
    data[i + 2] = clampToUnit(factor * blue + gray);
  }
}

/** Replaces R, G and B of every pixel of one RGB image by its ITU-R 601 luma. */
export function grayscaleInPlace(data: Float32Array, offset: number, pixels: number): void {
  const end = offset + pixels * 3;
  for (let i = offset; i < end; i += 3) {
    const gray = LUMA_RED * data[i] + LUMA_GREEN * data[i + 1] + LUMA_BLUE * data[i + 2];
    data[i] = gray;
    data[i + 1] = gray;
    data[i + 2] = gray;
  }
}
