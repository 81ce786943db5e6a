/**
 * A batch of images, NHWC, float32 values in [0, 1]: pixel (n, y, x) channel c is at
 * `data[((n * height + y) * width + x) * channels + c]`.
 *
 * `channels` is 1 (grayscale, e.g. MNIST) or 3 (RGB). Every augmentation of this folder
 * takes an ImageBatch and returns a new one; it never changes its input.
 *
 * @example
 * const images: ImageBatch = { data: new Float32Array(8 * 32 * 32 * 3), batch: 8, height: 32, width: 32, channels: 3 };
 */
export interface ImageBatch {
  /** Shape [batch, height, width, channels], row-major. */
  data: Float32Array;
  batch: number;
  height: number;
  width: number;
  channels: number;
}

/** The channel counts the augmentations accept: grayscale and RGB. */
export const IMAGE_CHANNEL_COUNTS: readonly number[] = [1, 3];

/**
 * A zero-filled batch of the given shape.
 *
 * @example
 * const blank = createImageBatch({ batch: 2, height: 28, width: 28, channels: 1 });
 * blank.data.length; // 1568
 */
export function createImageBatch(shape: Omit<ImageBatch, 'data'>): ImageBatch {
  const { batch, height, width, channels } = shape;
  return { data: new Float32Array(batch * height * width * channels), batch, height, width, channels };
}

/**
 * A copy of a batch with its own data buffer.
 *
 * @example
 * const copy = cloneImageBatch(images);
 * copy.data !== images.data; // true
 */
export function cloneImageBatch(images: ImageBatch): ImageBatch {
  const { batch, height, width, channels } = images;
  return { data: images.data.slice(), batch, height, width, channels };
}
