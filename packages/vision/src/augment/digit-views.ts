import { assertPositiveInteger, type SeededRandom } from '@selfsup/core';
import { type ViewRecipe, applyViewRecipe, frozenRecipe } from './augment-view.js';
import type { ImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/**
 * The view recipe for handwritten digits (MNIST and similar 1-channel glyphs): a random
 * resized crop that keeps most of the digit (area 0.4-1, aspect 3/4-4/3) and brightness and
 * contrast jitter (strength 0.4, applied with probability 0.8). No flip: a mirrored 2 or 5 is
 * not the same digit, so the natural-image presets' flips would teach the wrong invariance;
 * hue and saturation do nothing on one channel. It is the recipe of the MNIST benchmarks.
 */
export const DIGIT_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: [0.4, 1], ratio: [3 / 4, 4 / 3] },
  colorJitter: { brightness: 0.4, contrast: 0.4, saturation: 0, hue: 0, probability: 0.8 },
});

/** Local crops of `digitMultiCrop`: 12x12 views of 20-40% of the image, jittered like `DIGIT_VIEW`. */
export const DIGIT_LOCAL_VIEW: ViewRecipe = frozenRecipe({
  crop: { size: 12, scale: [0.2, 0.4], ratio: [3 / 4, 4 / 3] },
  colorJitter: DIGIT_VIEW.colorJitter,
});

/** Local crops per image in `digitMultiCrop` (DINO uses 8 on ImageNet; 6 keeps a 2-core step short). */
export const DIGIT_LOCAL_CROPS = 6;

/**
 * One random digit view of every image (`DIGIT_VIEW`), at the input's size.
 *
 * @example
 * const method = simclr({ encoder: convNet({ inputShape: [28, 28, 1] }), augment: digitView });
 */
export function digitView(images: ImageBatch, random: SeededRandom): ImageBatch {
  return applyViewRecipe('digitView', images, random, DIGIT_VIEW);
}

/**
 * Multi-crop views of digits for DINO: two global `DIGIT_VIEW`s at the input's size, then
 * `localCrops` `DIGIT_LOCAL_VIEW`s (12x12), the global ones first as the `dino` method expects.
 *
 * @example
 * const method = await dino({ encoder: convNet({ inputShape: [null, null, 1] }), augment: digitMultiCrop, totalSteps: 1000 });
 */
export function digitMultiCrop(images: ImageBatch, random: SeededRandom, options: { localCrops?: number } = {}): ImageBatch[] {
  assertImageBatch('digitMultiCrop', 'images', images);
  const localCrops = options.localCrops ?? DIGIT_LOCAL_CROPS;
  assertPositiveInteger('digitMultiCrop', 'options.localCrops', localCrops);
  const globalViews = [0, 1].map(() => applyViewRecipe('digitMultiCrop', images, random, DIGIT_VIEW));
  const localViews = Array.from({ length: localCrops }, () => applyViewRecipe('digitMultiCrop', images, random, DIGIT_LOCAL_VIEW));
  return [...globalViews, ...localViews];
}
