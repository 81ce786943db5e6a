import * as tf from '@selfsup/core/tf';
import { WeightSeeds, reconstructionLoss } from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';
import { rgbToLab } from './lab-color.js';
import { MLP_DECODER_DEFAULTS } from './mlp-decoder.js';
import { type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** Defaults of `colorization`. */
export const COLORIZATION_DEFAULTS = Object.freeze({
  /**
   * `outputSize` defaults to H / downsampling: the ab grid is this many times smaller than
   * the image on each side. Colour varies more slowly than lightness, and Zhang et al. 2016
   * and Larsson et al. 2016 also predict it at a quarter of the input resolution (56x56 for
   * 224x224). 32x32 images give an 8x8 grid.
   */
  downsampling: 4,
  /** Hidden width of the MLP decoder, that of the other reconstruction decoders (`MLP_DECODER_DEFAULTS.units`). */
  hiddenUnits: MLP_DECODER_DEFAULTS.units,
  /** Seed of the decoder's initial weights. */
  seed: 0,
});

/**
 * The ab targets are divided by this: sRGB colours have a in about [-86, 98] and b in about
 * [-108, 95], so the targets fall in about [-1, 1], the range of the decoder's tanh.
 */
export const COLORIZATION_AB_SCALE = 110;

export interface ColorizationOptions {
  /** The backbone to pretrain; it sees the L channel only, so it must take [B, H, W, 1]. */
  encoder: tf.LayersModel;
  /** [height, width, channels] of the colour images; channels must be 3 (RGB). */
  imageShape: [number, number, number];
  /** Height of the predicted ab grid (its width follows the aspect ratio); H / outputSize must divide H and W. Default H / 4. */
  outputSize?: number;
  /** Hidden width of the MLP decoder. Default 512 (`MLP_DECODER_DEFAULTS.units`). */
  hiddenUnits?: number;
  /** Seed of the decoder's initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * Colorization as a pretext task, in its regression form (Larsson, Maire & Shakhnarovich
 * 2016, "Learning Representations for Automatic Colorization"; Iizuka, Simo-Serra &
 * Ishikawa 2016, "Let there be Color!"): the encoder sees only the lightness of an image
 * (CIE L, scaled to [0, 1], one channel) and an MLP decoder on its representation
 * (dense → ReLU → dense → tanh) predicts the colour, the a and b channels average-pooled to
 * an `outputSize` grid and divided by 110; the loss is the mean squared error. The
 * `abError` metric is the root mean squared error in Lab units.
 *
 * Not implemented: the classification of Zhang, Isola & Efros 2016 ("Colorful Image
 * Colorization"), a softmax over 313 quantised ab bins with class rebalancing toward rare
 * colours; regression averages plausible colours and so predicts duller ones.
 *
 * Needs colour (3-channel) images: on 1-channel images such as MNIST it throws, since there
 * is no colour to predict.
 *
 * @example
 * const encoder = convNet({ inputShape: [32, 32, 1] });
 * const method = colorization({ encoder, imageShape: [32, 32, 3] }); // predicts an 8x8 ab grid
 */
export function colorization(options: ColorizationOptions): VisionMethod {
  const { encoder, imageShape } = options;
  checkColorShape('imageShape', imageShape);
  const [height, width] = imageShape;
  const inputShape = encoder.inputs[0].shape; // [B, H, W, C]
  if (inputShape.length !== 4 || inputShape[3] !== 1) {
    throw new Error(
      `colorization: encoder must take 1-channel images [B, H, W, 1] (the L channel), got input shape [${inputShape}]; ` +
        `build it with e.g. convNet({ inputShape: [${height}, ${width}, 1] })`,
    );
  }
  const outputSize = options.outputSize ?? height / COLORIZATION_DEFAULTS.downsampling;
  const factor = height / outputSize;
  if (!Number.isInteger(outputSize) || outputSize <= 0 || !Number.isInteger(factor) || width % factor !== 0) {
    throw new Error(
      `colorization: outputSize must be a positive integer with H / outputSize dividing both H = ${height} and W = ${width}, got ${outputSize}`,
    );
  }
  const grid: [number, number, number] = [outputSize, width / factor, 2];
  const hiddenUnits = options.hiddenUnits ?? COLORIZATION_DEFAULTS.hiddenUnits;
  const seeds = new WeightSeeds(options.seed ?? COLORIZATION_DEFAULTS.seed);
  const decoder = tf.sequential({
    name: 'colorization_decoder',
    layers: [
      tf.layers.dense({ inputShape: [outputUnits(encoder)], units: hiddenUnits, activation: 'relu', kernelInitializer: seeds.glorotUniform() }), // [B, hidden]
      tf.layers.dense({ units: grid[0] * grid[1] * 2, activation: 'tanh', kernelInitializer: seeds.glorotUniform() }), // [B, h * w * 2]
      tf.layers.reshape({ targetShape: grid }), // [B, h, w, 2]: a / 110, b / 110
    ],
  });
  return {
    name: 'colorization',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, decoder),
    prepare({ images }) {
      checkColorShape('batch.images', [images.height, images.width, images.channels]);
      if (images.height !== height || images.width !== width) {
        throw new Error(`colorization: batch.images must be ${height}x${width} (imageShape), got ${images.height}x${images.width}`);
      }
      const { lightness, color } = splitLightnessAndColor(images, factor);
      return [imagesToTensor(lightness), imagesToTensor(color)]; // [B, H, W, 1], [B, h, w, 2]
    },
    forward: ([lightness], context) => [
      decoder.apply(encoder.apply(lightness, { training: true, context }), { training: true, context }) as tf.Tensor4D,
    ], // [B, h, w, 2]
    loss([prediction], [, color]) {
      const loss = reconstructionLoss(prediction as tf.Tensor4D, color as tf.Tensor4D, { kind: 'mse' });
      const abError = tf.mul(tf.sqrt(loss), COLORIZATION_AB_SCALE) as tf.Scalar;
      return { loss, terms: { colorError: loss }, metrics: { abError } };
    },
    models: () => ({ encoder, decoder }),
    dispose: () => decoder.dispose(),
  };
}

/**
 * Splits sRGB images into the colorization input and target: the lightness L / 100 as a
 * 1-channel image in [0, 1], and the a and b channels average-pooled over `factor` x `factor`
 * blocks and divided by COLORIZATION_AB_SCALE (110).
 *
 * Shape: [B, H, W, 3] to lightness [B, H, W, 1] and color [B, H / factor, W / factor, 2].
 *
 * @example
 * const { lightness, color } = splitLightnessAndColor(images, 4); // 32x32 -> L 32x32x1, ab 8x8x2
 */
export function splitLightnessAndColor(images: FloatImages, factor: number): { lightness: FloatImages; color: FloatImages } {
  checkColorShape('images', [images.height, images.width, images.channels], 'splitLightnessAndColor');
  const { batch, height, width } = images;
  if (!Number.isInteger(factor) || factor <= 0 || height % factor !== 0 || width % factor !== 0) {
    throw new Error(`splitLightnessAndColor: factor must be a positive integer dividing ${height} and ${width}, got ${factor}`);
  }
  const lab = rgbToLab(images).data; // [B, H, W, 3]
  const lightness = new Float32Array(batch * height * width); // [B, H, W, 1]
  for (let i = 0; i < lightness.length; i++) lightness[i] = lab[3 * i] / 100;
  const [gridHeight, gridWidth] = [height / factor, width / factor];
  const color = new Float32Array(batch * gridHeight * gridWidth * 2); // [B, h, w, 2]
  const scale = 1 / (factor * factor * COLORIZATION_AB_SCALE);
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const source = ((n * height + y) * width + x) * 3;
        const target = ((n * gridHeight + Math.floor(y / factor)) * gridWidth + Math.floor(x / factor)) * 2;
        color[target] += lab[source + 1] * scale;
        color[target + 1] += lab[source + 2] * scale;
      }
    }
  }
  return {
    lightness: { data: lightness, batch, height, width, channels: 1 },
    color: { data: color, batch, height: gridHeight, width: gridWidth, channels: 2 },
  };
}

/** Throws unless a [height, width, channels] shape has 3 channels, naming why 1-channel images do not work. */
function checkColorShape(argument: string, shape: readonly number[], fn = 'colorization'): void {
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(`${fn}: ${argument} must be [height, width, channels] of positive integers, got ${JSON.stringify(shape)}`);
  }
  if (shape[2] !== 3) {
    throw new Error(
      `${fn}: ${argument} has ${shape[2]} channel${shape[2] === 1 ? '' : 's'}, but colorization needs RGB images (3 channels); ` +
        'it does not apply to 1-channel images such as MNIST, because there is no colour to predict',
    );
  }
}
