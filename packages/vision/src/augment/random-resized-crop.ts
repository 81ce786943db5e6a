import { assertMinMaxPair, assertPositiveInteger, type SeededRandom } from '@selfsup/core';
import { type ImageBatch, createImageBatch } from './image-batch.js';
import { createResampleScratch, resampleRegion } from './resample.js';
import { assertImageBatch } from './validate.js';

/** Defaults of `randomResizedCrop` (the output size defaults to the input's). */
export const RANDOM_RESIZED_CROP_DEFAULTS = Object.freeze({
  /** Fraction of the image area a crop covers: (0.08, 1) (Szegedy et al. 2015, Inception; SimCLR, BYOL). */
  scale: Object.freeze([0.08, 1]) as readonly [number, number],
  /** Aspect ratio (width / height) of a crop, drawn log-uniformly: (3/4, 4/3) (Szegedy et al. 2015). */
  ratio: Object.freeze([3 / 4, 4 / 3]) as readonly [number, number],
});
/** Tries at drawing a crop that fits in the image before falling back to a centre crop (as torchvision). */
export const RANDOM_RESIZED_CROP_ATTEMPTS = 10;

/** A rectangle of an image, in pixels. */
export interface CropBox {
  top: number;
  left: number;
  height: number;
  width: number;
}

export interface RandomResizedCropOptions {
  /** Output size: a side for a square, or [height, width]. Default: the input's size. */
  size?: number | readonly [number, number];
  /** Range of the crop's area as a fraction of the image's, within (0, 1]. Default (0.08, 1). */
  scale?: readonly [number, number];
  /** Range of the crop's aspect ratio width / height, drawn log-uniformly. Default (3/4, 4/3). */
  ratio?: readonly [number, number];
}

/** Validated crop settings for one output size. */
export interface CropSettings {
  outHeight: number;
  outWidth: number;
  scale: readonly [number, number];
  ratio: readonly [number, number];
}

/** Checks `options` against `images` and fills in the defaults. */
export function resolveCropSettings(fn: string, name: string, images: ImageBatch, options: RandomResizedCropOptions): CropSettings {
  const scale = options.scale ?? RANDOM_RESIZED_CROP_DEFAULTS.scale;
  const ratio = options.ratio ?? RANDOM_RESIZED_CROP_DEFAULTS.ratio;
  assertMinMaxPair(fn, `${name}.scale`, scale, 0, 1);
  assertMinMaxPair(fn, `${name}.ratio`, ratio, 0, Number.POSITIVE_INFINITY);
  const size = options.size ?? [images.height, images.width];
  if (typeof size !== 'number' && (!Array.isArray(size) || size.length !== 2)) {
    throw new Error(`${fn}: ${name}.size must be a positive integer or [height, width], got ${String(size)}`);
  }
  const [outHeight, outWidth] = typeof size === 'number' ? [size, size] : size;
  assertPositiveInteger(fn, `${name}.size`, outHeight);
  assertPositiveInteger(fn, `${name}.size`, outWidth);
  return { outHeight, outWidth, scale, ratio };
}

/**
 * Draws the crop rectangle of a random resized crop in an image of `height` x `width`
 * (Szegedy et al. 2015, "Going Deeper with Convolutions"; the torchvision procedure).
 *
 * Up to 10 tries: area = uniform(scale) * height * width, aspect = exp(uniform(log ratio)),
 * crop width = round(sqrt(area * aspect)), crop height = round(sqrt(area / aspect)); the first
 * that fits is placed uniformly at random. If none fits, the largest centred crop whose
 * aspect ratio is clamped into `ratio` is used. Draws 4 numbers per try (area, aspect, and
 * on success top and left), none for the fallback.
 *
 * @example
 * const box = sampleCropBox(createRandom(0), 32, 32, [0.08, 1], [3 / 4, 4 / 3]);
 * // { top, left, height, width } with height, width in [1, 32]
 */
export function sampleCropBox(
  random: SeededRandom,
  height: number,
  width: number,
  scale: readonly [number, number] = RANDOM_RESIZED_CROP_DEFAULTS.scale,
  ratio: readonly [number, number] = RANDOM_RESIZED_CROP_DEFAULTS.ratio,
): CropBox {
  const area = height * width;
  const logLow = Math.log(ratio[0]);
  const logHigh = Math.log(ratio[1]);
  for (let attempt = 0; attempt < RANDOM_RESIZED_CROP_ATTEMPTS; attempt++) {
    const targetArea = area * (scale[0] + (scale[1] - scale[0]) * random.next());
    const aspect = Math.exp(logLow + (logHigh - logLow) * random.next());
    const cropWidth = Math.round(Math.sqrt(targetArea * aspect));
    const cropHeight = Math.round(Math.sqrt(targetArea / aspect));
    if (cropWidth > 0 && cropWidth <= width && cropHeight > 0 && cropHeight <= height) {
      const top = random.integer(height - cropHeight + 1);
      const left = random.integer(width - cropWidth + 1);
      return { top, left, height: cropHeight, width: cropWidth };
    }
  }
  // Fallback: the whole image, narrowed to the nearest allowed aspect ratio, centred.
  const imageRatio = width / height;
  let cropWidth = width;
  let cropHeight = height;
  if (imageRatio < ratio[0]) cropHeight = Math.min(height, Math.max(1, Math.round(width / ratio[0])));
  else if (imageRatio > ratio[1]) cropWidth = Math.min(width, Math.max(1, Math.round(height * ratio[1])));
  return {
    top: Math.floor((height - cropHeight) / 2),
    left: Math.floor((width - cropWidth) / 2),
    height: cropHeight,
    width: cropWidth,
  };
}

const CROP = 'randomResizedCrop';

/**
 * Random resized crop: a random rectangle of each image (random area fraction in
 * `scale`, log-uniform aspect ratio in `ratio`), resized bilinearly to `size`. The
 * crop of Inception training (Szegedy et al. 2015) used by SimCLR (Chen et al. 2020),
 * BYOL (Grill et al. 2020) and, with other scales, DINO's multi-crop (Caron et al. 2021).
 *
 * Each image draws its rectangle with `sampleCropBox`, in batch order.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `size` (default the input size), `scale` (default (0.08, 1)), `ratio` (default (3/4, 4/3)).
 * @returns A new batch [N, size, size, C].
 *
 * @example
 * const random = createRandom(0);
 * const crops = randomResizedCrop(images, random, { size: 32, scale: [0.08, 1] });
 */
export function randomResizedCrop(images: ImageBatch, random: SeededRandom, options: RandomResizedCropOptions = {}): ImageBatch {
  assertImageBatch(CROP, 'images', images);
  const settings = resolveCropSettings(CROP, 'options', images, options);
  const { batch, height, width, channels } = images;
  const { outHeight, outWidth, scale, ratio } = settings;
  const output = createImageBatch({ batch, height: outHeight, width: outWidth, channels });
  const scratch = createResampleScratch(height, width, outHeight, outWidth, channels);
  const sourceSize = height * width * channels;
  const targetSize = outHeight * outWidth * channels;
  for (let n = 0; n < batch; n++) {
    const box = sampleCropBox(random, height, width, scale, ratio);
    resampleRegion(
      images.data,
      n * sourceSize,
      width,
      channels,
      box.top,
      box.left,
      box.height,
      box.width,
      output.data,
      n * targetSize,
      outHeight,
      outWidth,
      false,
      scratch,
    );
  }
  return output;
}
