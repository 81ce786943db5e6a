import { assertProbability, type SeededRandom } from '@selfsup/core';
import { type ImageBatch, cloneImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/** Defaults of `solarize`. */
export const SOLARIZE_DEFAULTS = Object.freeze({
  /** Probability of solarizing an image in BYOL's second view (Grill et al. 2020). */
  probability: 0.2,
  /** Values at or above this are inverted (BYOL, Grill et al. 2020: 0.5 of the range). */
  threshold: 0.5,
});

export interface SolarizeOptions {
  /** Probability of solarizing each image, in [0, 1]. Default 0.2. */
  probability?: number;
  /** Values >= threshold become 1 - value; in [0, 1]. Default 0.5. */
  threshold?: number;
}

/** x -> 1 - x for every value x >= threshold of one image, in place. */
export function solarizeImageInPlace(data: Float32Array, offset: number, length: number, threshold: number): void {
  const end = offset + length;
  for (let i = offset; i < end; i++) {
    const value = data[i];
    if (value >= threshold) data[i] = 1 - value;
  }
}

const SOLARIZE = 'solarize';

/**
 * Random solarization (BYOL, Grill et al. 2020; DINO): with probability `probability`,
 * inverts every value at or above `threshold` (x -> 1 - x) and keeps the others, as
 * torchvision's RandomSolarize. Draws one number per image.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `probability` (default 0.2) and `threshold` (default 0.5), both in [0, 1].
 * @returns A new batch of the same shape.
 *
 * @example
 * const solarized = solarize(images, createRandom(0), { probability: 0.2, threshold: 0.5 });
 */
export function solarize(images: ImageBatch, random: SeededRandom, options: SolarizeOptions = {}): ImageBatch {
  assertImageBatch(SOLARIZE, 'images', images);
  const probability = options.probability ?? SOLARIZE_DEFAULTS.probability;
  const threshold = options.threshold ?? SOLARIZE_DEFAULTS.threshold;
  assertProbability(SOLARIZE, 'options.probability', probability);
  assertProbability(SOLARIZE, 'options.threshold', threshold);
  const output = cloneImageBatch(images);
  const imageSize = images.height * images.width * images.channels;
  for (let n = 0; n < images.batch; n++) {
    if (random.next() < probability) solarizeImageInPlace(output.data, n * imageSize, imageSize, threshold);
  }
  return output;
}
