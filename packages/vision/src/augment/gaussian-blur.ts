import { assertMinMaxPair, assertPositiveInteger, assertProbability, type SeededRandom } from '@selfsup/core';
import { type ImageBatch, cloneImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/** Kernel side as a fraction of the image side: 10% (SimCLR, Chen et al. 2020, appendix A). */
export const GAUSSIAN_BLUR_KERNEL_FRACTION = 0.1;

/** Defaults of `gaussianBlur` (the kernel size defaults to `gaussianBlurKernelSize` of the image). */
export const GAUSSIAN_BLUR_DEFAULTS = Object.freeze({
  /** Probability of blurring an image in SimCLR's ImageNet views (Chen et al. 2020). */
  probability: 0.5,
  /** Range of the blur's standard deviation in pixels, drawn uniformly: [0.1, 2.0] (SimCLR, BYOL, DINO). */
  sigma: Object.freeze([0.1, 2.0]) as readonly [number, number],
});

export interface GaussianBlurOptions {
  /** Probability of blurring each image, in [0, 1]. Default 0.5. */
  probability?: number;
  /** Range [min, max] of the standard deviation in pixels, min > 0. Default [0.1, 2.0]. */
  sigma?: readonly [number, number];
  /** Odd kernel side in pixels. Default `gaussianBlurKernelSize(height, width)` (~10% of the image). */
  kernelSize?: number;
}

/**
 * SimCLR's kernel size: 10% of the smaller image side, made odd, at least 3
 * (224 -> 23, 96 -> 9, 32 -> 3, 28 -> 3).
 *
 * @example
 * gaussianBlurKernelSize(224, 224); // 23
 */
export function gaussianBlurKernelSize(height: number, width: number): number {
  const size = Math.floor(GAUSSIAN_BLUR_KERNEL_FRACTION * Math.min(height, width));
  return Math.max(3, size % 2 === 0 ? size + 1 : size);
}

/** Validated blur settings for one image size. */
export interface GaussianBlurSettings {
  probability: number;
  sigma: readonly [number, number];
  kernelSize: number;
}

/** Checks `options` and fills in the defaults for images of `height` x `width`. */
export function resolveGaussianBlurSettings(
  fn: string,
  name: string,
  options: GaussianBlurOptions,
  height: number,
  width: number,
): GaussianBlurSettings {
  const probability = options.probability ?? GAUSSIAN_BLUR_DEFAULTS.probability;
  const sigma = options.sigma ?? GAUSSIAN_BLUR_DEFAULTS.sigma;
  const kernelSize = options.kernelSize ?? gaussianBlurKernelSize(height, width);
  assertProbability(fn, `${name}.probability`, probability);
  assertMinMaxPair(fn, `${name}.sigma`, sigma, 0, Number.POSITIVE_INFINITY);
  assertPositiveInteger(fn, `${name}.kernelSize`, kernelSize, { odd: true });
  return { probability, sigma, kernelSize };
}

/** Buffers of blurImageInPlace, allocated once per batch call. */
export interface BlurScratch {
  weights: Float64Array;
  /** Source column of padded column x + t (reflect padding). */
  columnIndex: Int32Array;
  /** Source row of padded row y + t (reflect padding). */
  rowIndex: Int32Array;
  /** The horizontally blurred image [height, width, channels]. */
  blurredRows: Float32Array;
}

/** Index of padded position `i` in [0, size) under reflect padding (the edge is not repeated). */
function reflect(i: number, size: number): number {
  if (size === 1) return 0;
  const period = 2 * (size - 1);
  let j = i % period;
  if (j < 0) j += period;
  return j < size ? j : period - j;
}

/** Scratch buffers for blurring images of `height` x `width` x `channels` with `kernelSize` taps. */
export function createBlurScratch(height: number, width: number, channels: number, kernelSize: number): BlurScratch {
  const radius = (kernelSize - 1) / 2;
  const columnIndex = new Int32Array(width + 2 * radius);
  const rowIndex = new Int32Array(height + 2 * radius);
  for (let i = 0; i < columnIndex.length; i++) columnIndex[i] = reflect(i - radius, width);
  for (let i = 0; i < rowIndex.length; i++) rowIndex[i] = reflect(i - radius, height);
  return { weights: new Float64Array(kernelSize), columnIndex, rowIndex, blurredRows: new Float32Array(height * width * channels) };
}

/**
 * Blurs one image in place with a Gaussian of standard deviation `sigma` truncated to
 * `kernelSize` taps and normalised to sum 1: a horizontal then a vertical pass, reflect
 * padding at the borders.
 */
export function blurImageInPlace(
  data: Float32Array,
  offset: number,
  height: number,
  width: number,
  channels: number,
  sigma: number,
  scratch: BlurScratch,
): void {
  const { weights, columnIndex, rowIndex, blurredRows } = scratch;
  const taps = weights.length;
  const radius = (taps - 1) / 2;
  let total = 0;
  for (let t = 0; t < taps; t++) {
    const distance = t - radius;
    weights[t] = Math.exp((-distance * distance) / (2 * sigma * sigma));
    total += weights[t];
  }
  for (let t = 0; t < taps; t++) weights[t] /= total;

  const rowLength = width * channels;
  // Horizontal pass into blurredRows.
  for (let y = 0; y < height; y++) {
    const row = offset + y * rowLength;
    let out = y * rowLength;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let value = 0;
        for (let t = 0; t < taps; t++) value += weights[t] * data[row + columnIndex[x + t] * channels + c];
        blurredRows[out++] = value;
      }
    }
  }
  // Vertical pass back into the image, accumulated in double precision.
  for (let y = 0; y < height; y++) {
    const out = offset + y * rowLength;
    for (let k = 0; k < rowLength; k++) {
      let value = 0;
      for (let t = 0; t < taps; t++) value += weights[t] * blurredRows[rowIndex[y + t] * rowLength + k];
      data[out + k] = value;
    }
  }
}

const BLUR = 'gaussianBlur';

/**
 * Random Gaussian blur (SimCLR, Chen et al. 2020, appendix A; BYOL; DINO): with
 * probability `probability`, blurs an image with a Gaussian whose standard deviation is
 * drawn uniformly in `sigma` (pixels), on a kernel of ~10% of the image side,
 * separably, with reflect padding. Draws one number per image for the coin, and one
 * more for sigma when it comes up.
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options `probability` (default 0.5), `sigma` (default [0.1, 2.0]), `kernelSize` (odd; default ~10% of the side).
 * @returns A new batch of the same shape.
 *
 * @example
 * const blurred = gaussianBlur(images, createRandom(0), { probability: 1, sigma: [0.1, 2] });
 */
export function gaussianBlur(images: ImageBatch, random: SeededRandom, options: GaussianBlurOptions = {}): ImageBatch {
  assertImageBatch(BLUR, 'images', images);
  const { batch, height, width, channels } = images;
  const settings = resolveGaussianBlurSettings(BLUR, 'options', options, height, width);
  const output = cloneImageBatch(images);
  const scratch = createBlurScratch(height, width, channels, settings.kernelSize);
  const imageSize = height * width * channels;
  const [low, high] = settings.sigma;
  for (let n = 0; n < batch; n++) {
    if (!(random.next() < settings.probability)) continue;
    const sigma = low + (high - low) * random.next();
    blurImageInPlace(output.data, n * imageSize, height, width, channels, sigma, scratch);
  }
  return output;
}
