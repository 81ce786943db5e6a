import { assertFiniteNumber, assertProbability, type SeededRandom, shuffleInPlace } from '@selfsup/core';
import { brightnessInPlace, contrastInPlace, saturationInPlace } from './color-kernels.js';
import { hueInPlace } from './hue-kernel.js';
import { type ImageBatch, cloneImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/** Defaults of `colorJitter`: SimCLR's colour distortion at strength s = 1 (Chen et al. 2020, appendix A). */
export const COLOR_JITTER_DEFAULTS = Object.freeze({
  /** Brightness strength 0.8 s. */
  brightness: 0.8,
  /** Contrast strength 0.8 s. */
  contrast: 0.8,
  /** Saturation strength 0.8 s. */
  saturation: 0.8,
  /** Hue strength 0.2 s, in turns. */
  hue: 0.2,
  /** Probability that the colour jitter is applied to an image (SimCLR, BYOL, DINO). */
  probability: 0.8,
});

export interface ColorJitterOptions {
  /** Brightness factor drawn uniformly in [max(0, 1 - brightness), 1 + brightness]; 0 disables. Default 0.8. */
  brightness?: number;
  /** Contrast factor drawn uniformly in [max(0, 1 - contrast), 1 + contrast]; 0 disables. Default 0.8. */
  contrast?: number;
  /** Saturation factor drawn uniformly in [max(0, 1 - saturation), 1 + saturation]; 0 disables. Default 0.8. */
  saturation?: number;
  /** Hue shift drawn uniformly in [-hue, hue] turns, hue in [0, 0.5]; 0 disables. Default 0.2. */
  hue?: number;
  /** Probability of jittering each image, in [0, 1]. Default 0.8. */
  probability?: number;
}

/** Validated colour jitter settings. */
export interface ColorJitterSettings {
  brightness: number;
  contrast: number;
  saturation: number;
  hue: number;
  probability: number;
}

/** Checks `options` and fills in the defaults. */
export function resolveColorJitterSettings(fn: string, name: string, options: ColorJitterOptions): ColorJitterSettings {
  const settings = {
    brightness: options.brightness ?? COLOR_JITTER_DEFAULTS.brightness,
    contrast: options.contrast ?? COLOR_JITTER_DEFAULTS.contrast,
    saturation: options.saturation ?? COLOR_JITTER_DEFAULTS.saturation,
    hue: options.hue ?? COLOR_JITTER_DEFAULTS.hue,
    probability: options.probability ?? COLOR_JITTER_DEFAULTS.probability,
  };
  assertFiniteNumber(fn, `${name}.brightness`, settings.brightness, { min: 0 });
  assertFiniteNumber(fn, `${name}.contrast`, settings.contrast, { min: 0 });
  assertFiniteNumber(fn, `${name}.saturation`, settings.saturation, { min: 0 });
  assertFiniteNumber(fn, `${name}.hue`, settings.hue, { min: 0, max: 0.5 });
  assertProbability(fn, `${name}.probability`, settings.probability);
  return settings;
}

const BRIGHTNESS = 0;
const CONTRAST = 1;
const SATURATION = 2;
const HUE = 3;

/** A factor drawn uniformly in [max(0, 1 - strength), 1 + strength]. */
function drawFactor(random: SeededRandom, strength: number): number {
  const low = Math.max(0, 1 - strength);
  return low + (1 + strength - low) * random.next();
}

/**
 * Jitters one image in place. Draws: one number for the coin; if it comes up, the order
 * of the four adjustments (3 draws, Fisher-Yates), then one factor for each adjustment
 * with a non-zero strength, in the order brightness, contrast, saturation, hue. On a
 * one-channel image saturation and hue are skipped (a gray pixel has no colour), but
 * their factors are still drawn so the stream of draws does not depend on the channel
 * count. `order` is a 4-slot scratch array.
 */
export function jitterImageInPlace(
  data: Float32Array,
  offset: number,
  pixels: number,
  channels: number,
  settings: ColorJitterSettings,
  random: SeededRandom,
  order: Int32Array,
): void {
  if (!(random.next() < settings.probability)) return;
  for (let i = 0; i < 4; i++) order[i] = i;
  shuffleInPlace(order, random);
  const brightness = settings.brightness > 0 ? drawFactor(random, settings.brightness) : 1;
  const contrast = settings.contrast > 0 ? drawFactor(random, settings.contrast) : 1;
  const saturation = settings.saturation > 0 ? drawFactor(random, settings.saturation) : 1;
  const hue = settings.hue > 0 ? settings.hue * (2 * random.next() - 1) : 0;
  for (let i = 0; i < 4; i++) {
    const step = order[i];
    if (step === BRIGHTNESS) {
      if (brightness !== 1) brightnessInPlace(data, offset, pixels, channels, brightness);
    } else if (step === CONTRAST) {
      if (contrast !== 1) contrastInPlace(data, offset, pixels, channels, contrast);
    } else if (step === SATURATION) {
      if (saturation !== 1 && channels === 3) saturationInPlace(data, offset, pixels, saturation);
    } else if (step === HUE) {
      if (hue !== 0 && channels === 3) hueInPlace(data, offset, pixels, hue);
    }
  }
}

const JITTER = 'colorJitter';

/**
 * Random colour jitter (SimCLR's colour distortion, Chen et al. 2020; torchvision's
 * ColorJitter inside RandomApply): with probability `probability`, adjusts brightness,
 * contrast, saturation and hue of an image in a random order, each by a factor drawn
 * for that image: brightness, contrast and saturation factors uniformly in
 * [max(0, 1 - s), 1 + s], the hue shift uniformly in [-h, h] turns. Results are clamped
 * to [0, 1]. See `adjustBrightness` and its siblings for each adjustment.
 *
 * On one-channel images only brightness and contrast act: saturation and hue have no
 * colour to change and are skipped (their factors are still drawn).
 *
 * @param images A batch [N, H, W, C], values in [0, 1], C = 1 or 3.
 * @param random The generator every choice is drawn from.
 * @param options Strengths `brightness`, `contrast`, `saturation` (>= 0, default 0.8),
 *   `hue` (in [0, 0.5], default 0.2) and `probability` (default 0.8): SimCLR at s = 1.
 * @returns A new batch of the same shape.
 *
 * @example
 * // SimCLR's CIFAR-10 setting (s = 0.5).
 * const jittered = colorJitter(images, createRandom(0), { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 });
 */
export function colorJitter(images: ImageBatch, random: SeededRandom, options: ColorJitterOptions = {}): ImageBatch {
  assertImageBatch(JITTER, 'images', images);
  const settings = resolveColorJitterSettings(JITTER, 'options', options);
  const output = cloneImageBatch(images);
  const pixels = images.height * images.width;
  const imageSize = pixels * images.channels;
  const order = new Int32Array(4);
  for (let n = 0; n < images.batch; n++) {
    jitterImageInPlace(output.data, n * imageSize, pixels, images.channels, settings, random, order);
  }
  return output;
}
