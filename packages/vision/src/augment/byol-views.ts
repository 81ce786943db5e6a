import type { SeededRandom } from '@selfsup/core';
import { applyViewRecipe, frozenRecipe, type ViewRecipe } from './augment-view.js';
import type { ImageBatch } from './image-batch.js';

/**
 * BYOL's first view (Grill et al. 2020, "Bootstrap Your Own Latent", appendix B,
 * table 6): random resized crop scale (0.08, 1), ratio (3/4, 4/3); flip p 0.5; colour
 * jitter brightness 0.4, contrast 0.4, saturation 0.2, hue 0.1 with p 0.8; grayscale
 * p 0.2; Gaussian blur p 1.0 (sigma [0.1, 2.0]); solarization p 0.
 */
export const BYOL_FIRST_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: [0.08, 1], ratio: [3 / 4, 4 / 3] },
  horizontalFlip: { probability: 0.5 },
  colorJitter: { brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1, probability: 0.8 },
  grayscale: { probability: 0.2 },
  gaussianBlur: { probability: 1.0, sigma: [0.1, 2.0] },
  solarize: { probability: 0, threshold: 0.5 },
});

/** BYOL's second view: as the first with Gaussian blur p 0.1 and solarization p 0.2 (threshold 0.5). */
export const BYOL_SECOND_VIEW: ViewRecipe = frozenRecipe({
  ...BYOL_FIRST_VIEW,
  gaussianBlur: { probability: 0.1, sigma: [0.1, 2.0] },
  solarize: { probability: 0.2, threshold: 0.5 },
});

export interface ByolViewOptions {
  /** Output side or [height, width]. Default: the input's size (224 in the paper). */
  size?: number | readonly [number, number];
}

export interface ByolViewsOptions extends ByolViewOptions {
  /** The two recipes. Default [BYOL_FIRST_VIEW, BYOL_SECOND_VIEW]. */
  recipes?: readonly [ViewRecipe, ViewRecipe];
}

/**
 * BYOL's first view of every image (Grill et al. 2020): `BYOL_FIRST_VIEW`, always
 * blurred, never solarized. With `byolSecondView`, the pair of view transforms the BYOL
 * method takes: `augment: [byolFirstView, byolSecondView]`.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `size` (default the input's).
 * @returns A new batch [N, size, size, C].
 *
 * @example
 * const first = byolFirstView(images, createRandom(0), { size: 224 });
 */
export function byolFirstView(images: ImageBatch, random: SeededRandom, options: ByolViewOptions = {}): ImageBatch {
  return applyViewRecipe('byolFirstView', images, random, BYOL_FIRST_VIEW, options.size);
}

/**
 * BYOL's second view of every image (Grill et al. 2020): `BYOL_SECOND_VIEW`, blurred
 * with probability 0.1 and solarized with probability 0.2.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `size` (default the input's).
 * @returns A new batch [N, size, size, C].
 *
 * @example
 * const second = byolSecondView(images, createRandom(0), { size: 224 });
 */
export function byolSecondView(images: ImageBatch, random: SeededRandom, options: ByolViewOptions = {}): ImageBatch {
  return applyViewRecipe('byolSecondView', images, random, BYOL_SECOND_VIEW, options.size);
}

/**
 * BYOL's two asymmetric views of every image (Grill et al. 2020): the first always
 * blurred and never solarized, the second rarely blurred (p 0.1) and sometimes
 * solarized (p 0.2). Draws the whole first view, then the second, so it gives the same
 * bytes as `byolFirstView` then `byolSecondView` with the same generator.
 *
 * On one-channel images colour jitter reduces to brightness and contrast and grayscale
 * does nothing. For 32x32 images the blur kernel is 3 pixels (10% of the side).
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `size` (default the input's) and `recipes`.
 * @returns Two new batches [N, size, size, C]: the inputs of the online and target networks.
 *
 * @example
 * const [first, second] = byolViews(images, createRandom(0), { size: 224 });
 */
export function byolViews(images: ImageBatch, random: SeededRandom, options: ByolViewsOptions = {}): [ImageBatch, ImageBatch] {
  const recipes = options.recipes ?? [BYOL_FIRST_VIEW, BYOL_SECOND_VIEW];
  if (!Array.isArray(recipes) || recipes.length !== 2) {
    throw new Error(`byolViews: options.recipes must be a pair [ViewRecipe, ViewRecipe], got ${String(recipes)}`);
  }
  const first = applyViewRecipe('byolViews', images, random, recipes[0], options.size);
  const second = applyViewRecipe('byolViews', images, random, recipes[1], options.size);
  return [first, second];
}
