import { assertFiniteNumber } from '@selfsup/core';
import { brightnessInPlace, contrastInPlace, saturationInPlace } from './color-kernels.js';
import { hueInPlace } from './hue-kernel.js';
import { type ImageBatch, cloneImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/*
 * The four deterministic colour adjustments that `colorJitter` draws factors for, with
 * torchvision's definitions (each result clamped to [0, 1]):
 *
 *   brightness f: x -> f x                          (blend with black)
 *   contrast f:   x -> f x + (1 - f) mean(luma)     (blend with the image's mean luma)
 *   saturation f: x -> f x + (1 - f) luma(pixel)    (blend with the pixel's own luma)
 *   hue s:        rotate the HSV hue by s turns, keeping saturation and value
 *
 * On one-channel images saturation and hue are identities (a gray pixel has no colour
 * to scale or rotate). The kernels are in color-kernels.ts and hue-kernel.ts.
 */

const BRIGHTNESS = 'adjustBrightness';
const CONTRAST = 'adjustContrast';
const SATURATION = 'adjustSaturation';
const HUE = 'adjustHue';

/** Applies `perImage(data, offset, pixels, channels)` to a copy of every image. */
function mapImages(images: ImageBatch, perImage: (data: Float32Array, offset: number, pixels: number, channels: number) => void): ImageBatch {
  const output = cloneImageBatch(images);
  const pixels = images.height * images.width;
  const imageSize = pixels * images.channels;
  for (let n = 0; n < images.batch; n++) perImage(output.data, n * imageSize, pixels, images.channels);
  return output;
}

/**
 * Multiplies every value by `factor` and clamps to [0, 1] (torchvision's
 * `adjust_brightness`). Factor 1 is the identity, 0 gives black.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param factor A finite number >= 0.
 * @returns A new batch of the same shape.
 *
 * @example
 * const brighter = adjustBrightness(images, 1.2);
 */
export function adjustBrightness(images: ImageBatch, factor: number): ImageBatch {
  assertImageBatch(BRIGHTNESS, 'images', images);
  assertFiniteNumber(BRIGHTNESS, 'factor', factor, { min: 0 });
  return mapImages(images, (data, offset, pixels, channels) => brightnessInPlace(data, offset, pixels, channels, factor));
}

/**
 * Blends every image with its mean luma (ITU-R 601): x -> clamp(f x + (1 - f) mean)
 * (torchvision's `adjust_contrast`). Factor 1 is the identity, 0 gives a uniform gray.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param factor A finite number >= 0.
 * @returns A new batch of the same shape.
 *
 * @example
 * const flatter = adjustContrast(images, 0.6);
 */
export function adjustContrast(images: ImageBatch, factor: number): ImageBatch {
  assertImageBatch(CONTRAST, 'images', images);
  assertFiniteNumber(CONTRAST, 'factor', factor, { min: 0 });
  return mapImages(images, (data, offset, pixels, channels) => contrastInPlace(data, offset, pixels, channels, factor));
}

/**
 * Blends every pixel with its own luma: x -> clamp(f x + (1 - f) luma) (torchvision's
 * `adjust_saturation`). Factor 1 is the identity, 0 gives grayscale. On one-channel
 * images it is the identity (there is no colour to change).
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param factor A finite number >= 0.
 * @returns A new batch of the same shape.
 *
 * @example
 * const vivid = adjustSaturation(images, 1.5);
 */
export function adjustSaturation(images: ImageBatch, factor: number): ImageBatch {
  assertImageBatch(SATURATION, 'images', images);
  assertFiniteNumber(SATURATION, 'factor', factor, { min: 0 });
  return mapImages(images, (data, offset, pixels, channels) => {
    if (channels === 3) saturationInPlace(data, offset, pixels, factor);
  });
}

/**
 * Rotates the HSV hue of every pixel by `shift` turns (torchvision's `adjust_hue`):
 * 0 is the identity, ±0.5 gives the complementary colours. Value and saturation are
 * kept. On one-channel images it is the identity (a gray pixel has no hue).
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param shift A fraction of a full turn in [-0.5, 0.5].
 * @returns A new batch of the same shape.
 *
 * @example
 * const shifted = adjustHue(images, 0.1);
 */
export function adjustHue(images: ImageBatch, shift: number): ImageBatch {
  assertImageBatch(HUE, 'images', images);
  assertFiniteNumber(HUE, 'shift', shift, { min: -0.5, max: 0.5 });
  return mapImages(images, (data, offset, pixels, channels) => {
    if (channels === 3) hueInPlace(data, offset, pixels, shift);
  });
}
