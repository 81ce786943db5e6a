import { assertMinMaxPair, assertPositiveInteger, type SeededRandom } from '@selfsup/core';
import type { ImageBatch } from './image-batch.js';
import { randomResizedCrop } from './random-resized-crop.js';
import { assertImageBatch } from './validate.js';

/** Defaults of `multiCrop`: DINO's released ImageNet configuration (Caron et al. 2021). */
export const MULTI_CROP_DEFAULTS = Object.freeze({
  /** Number of global crops: 2 (the teacher sees only these). */
  globalCrops: 2,
  /** Number of local crops of DINO's released configuration. */
  localCrops: 8,
  /** Side of DINO's global crops on ImageNet. */
  globalSize: 224,
  /** Side of DINO's local crops on ImageNet. */
  localSize: 96,
  /** Area scale of DINO's global crops. */
  globalScale: Object.freeze([0.4, 1]) as readonly [number, number],
  /** Area scale of DINO's local crops. */
  localScale: Object.freeze([0.05, 0.4]) as readonly [number, number],
});
/** Global crop side for 28x28 images (MNIST): the full image. */
export const MULTI_CROP_MNIST_GLOBAL_SIZE = 28;
/** Local crop side for 28x28 images: 12, close to DINO's 96/224 ratio. */
export const MULTI_CROP_MNIST_LOCAL_SIZE = 12;

export interface MultiCropOptions {
  /** Number of global crops, >= 1. Default 2. */
  globalCrops?: number;
  /** Number of local crops, >= 0. Default 8. */
  localCrops?: number;
  /** Side of the global crops. Default 224 (MNIST: `MULTI_CROP_MNIST_GLOBAL_SIZE`, 28). */
  globalSize?: number;
  /** Side of the local crops. Default 96 (MNIST: `MULTI_CROP_MNIST_LOCAL_SIZE`, 12). */
  localSize?: number;
  /** Area scale of the global crops, within (0, 1]. Default (0.4, 1). */
  globalScale?: readonly [number, number];
  /** Area scale of the local crops, within (0, 1]. Default (0.05, 0.4). */
  localScale?: readonly [number, number];
}

/** Throws unless `value` is an integer >= `minimum`. */
function assertCount(fn: string, name: string, value: unknown, minimum: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new Error(`${fn}: ${name} must be an integer >= ${minimum}, got ${String(value)}`);
  }
}

const MULTI_CROP = 'multiCrop';

/** Checks multi-crop options and fills in the defaults. */
export function resolveMultiCropOptions(fn: string, options: MultiCropOptions): Required<MultiCropOptions> {
  const resolved = {
    globalCrops: options.globalCrops ?? MULTI_CROP_DEFAULTS.globalCrops,
    localCrops: options.localCrops ?? MULTI_CROP_DEFAULTS.localCrops,
    globalSize: options.globalSize ?? MULTI_CROP_DEFAULTS.globalSize,
    localSize: options.localSize ?? MULTI_CROP_DEFAULTS.localSize,
    globalScale: options.globalScale ?? MULTI_CROP_DEFAULTS.globalScale,
    localScale: options.localScale ?? MULTI_CROP_DEFAULTS.localScale,
  };
  assertCount(fn, 'options.globalCrops', resolved.globalCrops, 1);
  assertCount(fn, 'options.localCrops', resolved.localCrops, 0);
  assertPositiveInteger(fn, 'options.globalSize', resolved.globalSize);
  assertPositiveInteger(fn, 'options.localSize', resolved.localSize);
  assertMinMaxPair(fn, 'options.globalScale', resolved.globalScale, 0, 1);
  assertMinMaxPair(fn, 'options.localScale', resolved.localScale, 0, 1);
  return resolved;
}

/**
 * Multi-crop (Caron et al. 2020, SwAV; as used by DINO, Caron et al. 2021): from every
 * image, `globalCrops` random resized crops covering a large part of it (scale
 * (0.4, 1), side 224) and `localCrops` small ones (scale (0.05, 0.4), side 96), with
 * bilinear resampling (DINO resamples bicubically). For 28x28 images use
 * `MULTI_CROP_MNIST_GLOBAL_SIZE` / `MULTI_CROP_MNIST_LOCAL_SIZE` (28 / 12).
 *
 * Crops only: `dinoViews` adds DINO's flips, colour jitter, blur and solarization.
 * Draws crop by crop (global ones first), and within a crop image by image.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options Counts, sides and scales of the global and local crops.
 * @returns `globalCrops + localCrops` batches, one per crop, the global ones first:
 *   [N, globalSize, globalSize, C] x globalCrops, then [N, localSize, localSize, C] x localCrops.
 *   DINO's student sees all of them, its teacher the first `globalCrops` (the order `dinoLoss` expects).
 *
 * @example
 * const crops = multiCrop(mnist, createRandom(0), {
 *   globalSize: MULTI_CROP_MNIST_GLOBAL_SIZE, localSize: MULTI_CROP_MNIST_LOCAL_SIZE, localCrops: 6,
 * });
 * const teacherInputs = crops.slice(0, 2);
 */
export function multiCrop(images: ImageBatch, random: SeededRandom, options: MultiCropOptions = {}): ImageBatch[] {
  assertImageBatch(MULTI_CROP, 'images', images);
  const settings = resolveMultiCropOptions(MULTI_CROP, options);
  const crop = (size: number, scale: readonly [number, number]) => randomResizedCrop(images, random, { size, scale });
  const globalViews = Array.from({ length: settings.globalCrops }, () => crop(settings.globalSize, settings.globalScale));
  const localViews = Array.from({ length: settings.localCrops }, () => crop(settings.localSize, settings.localScale));
  return [...globalViews, ...localViews];
}
