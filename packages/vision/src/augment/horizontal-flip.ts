import { assertProbability, type SeededRandom } from '@selfsup/core';
import { type ImageBatch, cloneImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/** Defaults of `horizontalFlip`. */
export const HORIZONTAL_FLIP_DEFAULTS = Object.freeze({
  /** Probability of mirroring an image left-right (SimCLR, BYOL, DINO). */
  probability: 0.5,
});

export interface HorizontalFlipOptions {
  /** Probability of flipping each image, in [0, 1]. Default 0.5. */
  probability?: number;
}

/** Mirrors one image left-right in place. */
export function flipImageInPlace(data: Float32Array, offset: number, height: number, width: number, channels: number): void {
  const rowLength = width * channels;
  for (let y = 0; y < height; y++) {
    let left = offset + y * rowLength;
    let right = left + rowLength - channels;
    while (left < right) {
      for (let c = 0; c < channels; c++) {
        const value = data[left + c];
        data[left + c] = data[right + c];
        data[right + c] = value;
      }
      left += channels;
      right -= channels;
    }
  }
}

const FLIP = 'horizontalFlip';

/**
 * Random horizontal flip: mirrors each image left-right with probability `probability`.
 * Part of every view of SimCLR (Chen et al. 2020), BYOL (Grill et al. 2020) and DINO
 * (Caron et al. 2021). Draws one number per image, in batch order.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `probability` in [0, 1], default 0.5.
 * @returns A new batch of the same shape.
 *
 * @example
 * const flipped = horizontalFlip(images, createRandom(0), { probability: 0.5 });
 */
export function horizontalFlip(images: ImageBatch, random: SeededRandom, options: HorizontalFlipOptions = {}): ImageBatch {
  assertImageBatch(FLIP, 'images', images);
  const probability = options.probability ?? HORIZONTAL_FLIP_DEFAULTS.probability;
  assertProbability(FLIP, 'options.probability', probability);
  const output = cloneImageBatch(images);
  const { batch, height, width, channels } = images;
  const imageSize = height * width * channels;
  for (let n = 0; n < batch; n++) {
    if (random.next() < probability) flipImageInPlace(output.data, n * imageSize, height, width, channels);
  }
  return output;
}
