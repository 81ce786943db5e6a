import { assertProbability, type SeededRandom } from '@selfsup/core';
import { type ColorJitterOptions, jitterImageInPlace, resolveColorJitterSettings } from './color-jitter.js';
import { grayscaleInPlace } from './color-kernels.js';
import { createBlurScratch, type GaussianBlurOptions, blurImageInPlace, resolveGaussianBlurSettings } from './gaussian-blur.js';
import { type HorizontalFlipOptions, HORIZONTAL_FLIP_DEFAULTS, flipImageInPlace } from './horizontal-flip.js';
import { type ImageBatch, createImageBatch } from './image-batch.js';
import { RANDOM_GRAYSCALE_DEFAULTS, type RandomGrayscaleOptions } from './random-grayscale.js';
import { type RandomResizedCropOptions, resolveCropSettings, sampleCropBox } from './random-resized-crop.js';
import { createResampleScratch, resampleRegion } from './resample.js';
import { SOLARIZE_DEFAULTS, type SolarizeOptions, solarizeImageInPlace } from './solarize.js';
import { assertImageBatch } from './validate.js';

/**
 * The steps of one augmented view, each with the options of its augmentation function.
 * A step that is absent is not applied (and draws nothing); a step that is present uses
 * that function's defaults for the options it leaves out. Steps always run in this
 * order, the order of SimCLR, BYOL and DINO: crop, flip, colour jitter, grayscale,
 * blur, solarize.
 */
export interface ViewRecipe {
  readonly crop?: RandomResizedCropOptions;
  readonly horizontalFlip?: HorizontalFlipOptions;
  readonly colorJitter?: ColorJitterOptions;
  readonly grayscale?: RandomGrayscaleOptions;
  readonly gaussianBlur?: GaussianBlurOptions;
  readonly solarize?: SolarizeOptions;
}

/**
 * Freezes a recipe and its steps (and their ranges), so that a shared preset constant
 * cannot be changed by accident. Internal to the presets.
 */
export function frozenRecipe(recipe: ViewRecipe): ViewRecipe {
  for (const step of Object.values(recipe) as object[]) {
    for (const value of Object.values(step)) if (Array.isArray(value)) Object.freeze(value);
    Object.freeze(step);
  }
  return Object.freeze(recipe);
}

/**
 * Applies a recipe to every image: `fn` names the caller in errors, `size` (when given)
 * overrides the crop's output size. Internal to the presets; use `augmentView`.
 */
export function applyViewRecipe(
  fn: string,
  images: ImageBatch,
  random: SeededRandom,
  recipe: ViewRecipe,
  size?: number | readonly [number, number],
): ImageBatch {
  assertImageBatch(fn, 'images', images);
  if (recipe === null || typeof recipe !== 'object') {
    throw new Error(`${fn}: recipe must be a ViewRecipe object, got ${recipe === null ? 'null' : typeof recipe}`);
  }
  if (size !== undefined && recipe.crop === undefined) {
    throw new Error(`${fn}: options.size needs a recipe with a crop step (recipe.crop), got a recipe without one`);
  }
  const { batch, height, width, channels } = images;
  const crop = recipe.crop && resolveCropSettings(fn, 'recipe.crop', images, recipe.crop);
  if (crop && size !== undefined) {
    const sized = resolveCropSettings(fn, 'options', images, { size });
    crop.outHeight = sized.outHeight;
    crop.outWidth = sized.outWidth;
  }
  const outHeight = crop ? crop.outHeight : height;
  const outWidth = crop ? crop.outWidth : width;
  const flipProbability = recipe.horizontalFlip && (recipe.horizontalFlip.probability ?? HORIZONTAL_FLIP_DEFAULTS.probability);
  if (recipe.horizontalFlip) assertProbability(fn, 'recipe.horizontalFlip.probability', flipProbability);
  const jitter = recipe.colorJitter && resolveColorJitterSettings(fn, 'recipe.colorJitter', recipe.colorJitter);
  const grayscaleProbability = recipe.grayscale && (recipe.grayscale.probability ?? RANDOM_GRAYSCALE_DEFAULTS.probability);
  if (recipe.grayscale) assertProbability(fn, 'recipe.grayscale.probability', grayscaleProbability);
  const blur = recipe.gaussianBlur && resolveGaussianBlurSettings(fn, 'recipe.gaussianBlur', recipe.gaussianBlur, outHeight, outWidth);
  const solarizeProbability = recipe.solarize && (recipe.solarize.probability ?? SOLARIZE_DEFAULTS.probability);
  const solarizeThreshold = recipe.solarize && (recipe.solarize.threshold ?? SOLARIZE_DEFAULTS.threshold);
  if (recipe.solarize) {
    assertProbability(fn, 'recipe.solarize.probability', solarizeProbability);
    assertProbability(fn, 'recipe.solarize.threshold', solarizeThreshold);
  }

  const output = createImageBatch({ batch, height: outHeight, width: outWidth, channels });
  const resampleScratch = crop && createResampleScratch(height, width, outHeight, outWidth, channels);
  const blurScratch = blur && createBlurScratch(outHeight, outWidth, channels, blur.kernelSize);
  const order = new Int32Array(4);
  const pixels = outHeight * outWidth;
  const sourceSize = height * width * channels;
  const targetSize = pixels * channels;

  for (let n = 0; n < batch; n++) {
    const offset = n * targetSize;
    // Crop and flip: the flip is folded into the resampling (mirrored column taps).
    if (crop && resampleScratch) {
      const box = sampleCropBox(random, height, width, crop.scale, crop.ratio);
      const mirror = flipProbability !== undefined && random.next() < flipProbability;
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
        offset,
        outHeight,
        outWidth,
        mirror,
        resampleScratch,
      );
    } else {
      output.data.set(images.data.subarray(n * sourceSize, (n + 1) * sourceSize), offset);
      if (flipProbability !== undefined && random.next() < flipProbability) {
        flipImageInPlace(output.data, offset, outHeight, outWidth, channels);
      }
    }
    if (jitter) jitterImageInPlace(output.data, offset, pixels, channels, jitter, random, order);
    // One-channel images are already gray: the coin is drawn, nothing changes.
    if (grayscaleProbability !== undefined && random.next() < grayscaleProbability && channels === 3) {
      grayscaleInPlace(output.data, offset, pixels);
    }
    if (blur && blurScratch && random.next() < blur.probability) {
      const sigma = blur.sigma[0] + (blur.sigma[1] - blur.sigma[0]) * random.next();
      blurImageInPlace(output.data, offset, outHeight, outWidth, channels, sigma, blurScratch);
    }
    if (solarizeProbability !== undefined && solarizeThreshold !== undefined && random.next() < solarizeProbability) {
      solarizeImageInPlace(output.data, offset, targetSize, solarizeThreshold);
    }
  }
  return output;
}

/**
 * One augmented view of every image of a batch, following `recipe`: the steps of a
 * SimCLR / BYOL / DINO view fused into one pass per image (one output allocation, the
 * flip folded into the crop's resampling).
 *
 * Image by image, in batch order, each present step draws exactly what its own function
 * draws for that image (`randomResizedCrop`, `horizontalFlip`, `colorJitter`,
 * `randomGrayscale`, `gaussianBlur`, `solarize`), so a recipe with a single step gives
 * the same bytes as that function with the same generator.
 *
 * On one-channel images colour jitter reduces to brightness and contrast and grayscale
 * does nothing (the images are gray already); the draws are the same as for RGB.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param recipe The steps and their options, e.g. `SIMCLR_CIFAR_VIEW`.
 * @returns A new batch [N, crop size (default H), crop size (default W), C].
 *
 * @example
 * const random = createRandom(0);
 * const view = augmentView(images, random, {
 *   crop: { size: 32, scale: [0.2, 1] },
 *   horizontalFlip: { probability: 0.5 },
 *   colorJitter: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, probability: 0.8 },
 *   grayscale: { probability: 0.2 },
 * });
 */
export function augmentView(images: ImageBatch, random: SeededRandom, recipe: ViewRecipe): ImageBatch {
  return applyViewRecipe('augmentView', images, random, recipe);
}
