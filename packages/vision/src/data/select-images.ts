import type { ImageBatch } from '../augment/image-batch.js';
import type { LabelledImages } from './mnist.js';

/** Images as float32 in [0, 1], NHWC: the format every augmentation and model input uses (an `ImageBatch`). */
export type FloatImages = ImageBatch;

/**
 * Gathers the images at `indices` of a uint8 image set into float32 [0, 1] NHWC, the
 * unit a batch loader builds per step (the whole set stays uint8 in memory).
 *
 * @example
 * const batch = selectImages(train, [3, 14, 15]); // { data: Float32Array(3 * 784), batch: 3, ... }
 */
export function selectImages(
  images: Pick<LabelledImages, 'pixels' | 'count' | 'height' | 'width' | 'channels'>,
  indices: ArrayLike<number>,
): FloatImages {
  const size = images.height * images.width * images.channels;
  const data = new Float32Array(indices.length * size);
  for (let n = 0; n < indices.length; n++) {
    const index = indices[n];
    if (!Number.isInteger(index) || index < 0 || index >= images.count) {
      throw new Error(`selectImages: index ${index} is outside the ${images.count} images`);
    }
    const source = index * size;
    const target = n * size;
    for (let k = 0; k < size; k++) data[target + k] = images.pixels[source + k] / 255;
  }
  return { data, batch: indices.length, height: images.height, width: images.width, channels: images.channels };
}
