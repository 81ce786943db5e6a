import { assertFiniteNumber, type SeededRandom } from '@selfsup/core';
import { applyViewRecipe, frozenRecipe, type ViewRecipe } from './augment-view.js';
import type { ColorJitterOptions } from './color-jitter.js';
import type { ImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/** Colour distortion strength s of SimCLR on ImageNet (Chen et al. 2020). */
export const SIMCLR_IMAGENET_COLOR_STRENGTH = 1;
/** Colour distortion strength s of SimCLR on CIFAR-10 (Chen et al. 2020, appendix B.9). */
export const SIMCLR_CIFAR_COLOR_STRENGTH = 0.5;
/** Images whose output side is at most this get SimCLR's CIFAR view by default (no blur, s = 0.5). */
export const SIMCLR_SMALL_IMAGE_SIZE = 32;

/**
 * SimCLR's colour jitter at strength s: brightness, contrast and saturation 0.8 s,
 * hue 0.2 s, applied with probability 0.8 (Chen et al. 2020, appendix A).
 *
 * @example
 * simclrColorJitter(0.5); // { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, probability: 0.8 }
 */
export function simclrColorJitter(strength: number): ColorJitterOptions {
  assertFiniteNumber('simclrColorJitter', 'strength', strength, { min: 0, max: 2.5 });
  return { brightness: 0.8 * strength, contrast: 0.8 * strength, saturation: 0.8 * strength, hue: 0.2 * strength, probability: 0.8 };
}

/**
 * SimCLR's ImageNet view (Chen et al. 2020, appendix A): random resized crop, scale
 * (0.08, 1), ratio (3/4, 4/3); horizontal flip p 0.5; colour jitter 0.8/0.8/0.8/0.2 with
 * p 0.8; grayscale p 0.2; Gaussian blur p 0.5, sigma [0.1, 2.0], kernel 10% of the side.
 */
export const SIMCLR_IMAGENET_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: [0.08, 1], ratio: [3 / 4, 4 / 3] },
  horizontalFlip: { probability: 0.5 },
  colorJitter: simclrColorJitter(SIMCLR_IMAGENET_COLOR_STRENGTH),
  grayscale: { probability: 0.2 },
  gaussianBlur: { probability: 0.5, sigma: [0.1, 2.0] },
});

/**
 * SimCLR's CIFAR-10 view (Chen et al. 2020, appendix B.9): as the ImageNet view with
 * colour strength 0.5 (jitter 0.4/0.4/0.4/0.1, p 0.8) and no Gaussian blur, which
 * SimCLR leaves out for 32x32 images. The `augment` workload of the benchmarks.
 */
export const SIMCLR_CIFAR_VIEW: ViewRecipe = frozenRecipe({
  crop: { scale: [0.08, 1], ratio: [3 / 4, 4 / 3] },
  horizontalFlip: { probability: 0.5 },
  colorJitter: simclrColorJitter(SIMCLR_CIFAR_COLOR_STRENGTH),
  grayscale: { probability: 0.2 },
});

export interface SimclrViewOptions {
  /** Output side or [height, width]. Default: the input's size. */
  size?: number | readonly [number, number];
  /**
   * The recipe. Default: `SIMCLR_CIFAR_VIEW` when the output's larger side is at most 32
   * pixels (CIFAR, MNIST), `SIMCLR_IMAGENET_VIEW` otherwise.
   */
  recipe?: ViewRecipe;
}

/**
 * One SimCLR view of every image (Chen et al. 2020, "A Simple Framework for Contrastive
 * Learning of Visual Representations"). Call it twice with the same generator for the
 * two views of a pair.
 *
 * On one-channel images (MNIST) the colour jitter reduces to brightness and contrast
 * and the grayscale step does nothing: SimCLR's colour distortion has no colour to work
 * on there, and nothing is substituted for it.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `size` (default the input's) and `recipe` (default by size: see `SimclrViewOptions`).
 * @returns A new batch [N, size, size, C].
 *
 * @example
 * const random = createRandom(0);
 * const first = simclrView(images, random);  // CIFAR-10 images: SIMCLR_CIFAR_VIEW
 * const second = simclrView(images, random);
 */
export function simclrView(images: ImageBatch, random: SeededRandom, options: SimclrViewOptions = {}): ImageBatch {
  assertImageBatch('simclrView', 'images', images);
  let recipe = options.recipe;
  if (recipe === undefined) {
    const size = options.size ?? Math.max(images.height, images.width);
    const side = typeof size === 'number' ? size : Math.max(size[0], size[1]);
    recipe = side <= SIMCLR_SMALL_IMAGE_SIZE ? SIMCLR_CIFAR_VIEW : SIMCLR_IMAGENET_VIEW;
  }
  return applyViewRecipe('simclrView', images, random, recipe, options.size);
}
