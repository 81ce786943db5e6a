import type { SeededRandom } from '@selfsup/core';
import { applyViewRecipe, frozenRecipe, type ViewRecipe } from './augment-view.js';
import type { ImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';
import { MULTI_CROP_DEFAULTS, type MultiCropOptions, resolveMultiCropOptions } from './multi-crop.js';

const DINO_COMMON: ViewRecipe = {
  horizontalFlip: { probability: 0.5 },
  colorJitter: { brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1, probability: 0.8 },
  grayscale: { probability: 0.2 },
};

/**
 * DINO's first global view (Caron et al. 2021, "Emerging Properties in Self-Supervised
 * Vision Transformers", which follows BYOL's augmentations): random resized crop scale
 * (0.4, 1); flip p 0.5; colour jitter 0.4/0.4/0.2/0.1 with p 0.8; grayscale p 0.2;
 * Gaussian blur p 1.0 (sigma [0.1, 2.0]).
 */
export const DINO_FIRST_GLOBAL_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: MULTI_CROP_DEFAULTS.globalScale },
  ...DINO_COMMON,
  gaussianBlur: { probability: 1.0, sigma: [0.1, 2.0] },
});

/** DINO's second global view: as the first with blur p 0.1 and solarization p 0.2 (threshold 0.5). */
export const DINO_SECOND_GLOBAL_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: MULTI_CROP_DEFAULTS.globalScale },
  ...DINO_COMMON,
  gaussianBlur: { probability: 0.1, sigma: [0.1, 2.0] },
  solarize: { probability: 0.2, threshold: 0.5 },
});

/** DINO's local views: random resized crop scale (0.05, 0.4), the common steps, blur p 0.5. */
export const DINO_LOCAL_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: MULTI_CROP_DEFAULTS.localScale },
  ...DINO_COMMON,
  gaussianBlur: { probability: 0.5, sigma: [0.1, 2.0] },
});

/** Options of `dinoViews`: the multi-crop counts, sides and scales (`globalCrops` is always 2). */
export type DinoViewsOptions = Omit<MultiCropOptions, 'globalCrops'>;

const DINO = 'dinoViews';

/**
 * DINO's multi-crop views of every image (Caron et al. 2021): two global views
 * (`DINO_FIRST_GLOBAL_VIEW`, `DINO_SECOND_GLOBAL_VIEW`, side 224) and `localCrops`
 * local views (`DINO_LOCAL_VIEW`, side 96, 8 by default). For 28x28 images pass
 * `globalSize: MULTI_CROP_MNIST_GLOBAL_SIZE, localSize: MULTI_CROP_MNIST_LOCAL_SIZE`.
 * Crops are resampled bilinearly (DINO uses bicubic). Draws view by view, global ones
 * first, and within a view image by image.
 *
 * On one-channel images colour jitter reduces to brightness and contrast and grayscale
 * does nothing.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `globalSize` (224), `localSize` (96), `localCrops` (8), `globalScale` ((0.4, 1)), `localScale` ((0.05, 0.4)).
 * @returns 2 + `localCrops` batches, the two global views first: the student sees all of
 *   them, the teacher the first two (the order `dinoLoss` and the `dino` method expect).
 *
 * @example
 * const views = dinoViews(images, createRandom(0), { globalSize: 224, localSize: 96, localCrops: 8 });
 * // or, as the `augment` of the dino method on MNIST:
 * const augment = (batch: ImageBatch, random: SeededRandom) =>
 *   dinoViews(batch, random, { globalSize: MULTI_CROP_MNIST_GLOBAL_SIZE, localSize: MULTI_CROP_MNIST_LOCAL_SIZE, localCrops: 6 });
 */
export function dinoViews(images: ImageBatch, random: SeededRandom, options: DinoViewsOptions = {}): ImageBatch[] {
  assertImageBatch(DINO, 'images', images);
  if ((options as MultiCropOptions).globalCrops !== undefined) {
    throw new Error(`${DINO}: options.globalCrops is fixed at 2 (DINO's two global views); use multiCrop for other counts`);
  }
  const settings = resolveMultiCropOptions(DINO, options);
  const view = (recipe: ViewRecipe, size: number, scale: readonly [number, number]) =>
    applyViewRecipe(DINO, images, random, { ...recipe, crop: { ...recipe.crop, scale } }, size);
  const globalViews = [
    view(DINO_FIRST_GLOBAL_VIEW, settings.globalSize, settings.globalScale),
    view(DINO_SECOND_GLOBAL_VIEW, settings.globalSize, settings.globalScale),
  ];
  const localViews = Array.from({ length: settings.localCrops }, () => view(DINO_LOCAL_VIEW, settings.localSize, settings.localScale));
  return [...globalViews, ...localViews];
}
