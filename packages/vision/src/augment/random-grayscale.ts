import { assertProbability, type SeededRandom } from '@selfsup/core';
import { type ImageBatch, cloneImageBatch } from './image-batch.js';
import { grayscaleInPlace } from './color-kernels.js';
import { assertImageBatch } from './validate.js';

/** Defaults of `randomGrayscale`. */
export const RANDOM_GRAYSCALE_DEFAULTS = Object.freeze({
  /** Probability of turning an image gray (SimCLR, BYOL, DINO). */
  probability: 0.2,
});

export interface RandomGrayscaleOptions {
  /** Probability of converting each image, in [0, 1]. Default 0.2. */
  probability?: number;
}

const GRAYSCALE = 'randomGrayscale';

/**
 * Random grayscale: with probability `probability`, replaces each RGB pixel by its
 * ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B in all three channels, so the channel
 * count is kept (torchvision's RandomGrayscale; part of SimCLR's colour distortion,
 * Chen et al. 2020, and of BYOL and DINO).
 *
 * One-channel images are already gray: they are returned unchanged (a copy). One number
 * is drawn per image either way, so the stream of draws does not depend on the channel count.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `probability` in [0, 1], default 0.2.
 * @returns A new batch of the same shape.
 *
 * @example
 * const maybeGray = randomGrayscale(images, createRandom(0), { probability: 0.2 });
 */
export function randomGrayscale(images: ImageBatch, random: SeededRandom, options: RandomGrayscaleOptions = {}): ImageBatch {
  assertImageBatch(GRAYSCALE, 'images', images);
  const probability = options.probability ?? RANDOM_GRAYSCALE_DEFAULTS.probability;
  assertProbability(GRAYSCALE, 'options.probability', probability);
  const output = cloneImageBatch(images);
  const pixels = images.height * images.width;
  const imageSize = pixels * images.channels;
  for (let n = 0; n < images.batch; n++) {
    const convert = random.next() < probability;
    if (convert && images.channels === 3) grayscaleInPlace(output.data, n * imageSize, pixels);
  }
  return output;
}
