import type * as tf from '@selfsup/core/tf';
import { reconstructionLoss } from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';
import { MLP_DECODER_DEFAULTS, mlpDecoder } from './mlp-decoder.js';
import { type VisionMethod, imagesToTensor, trainableVariablesOf } from './views.js';

/** Defaults of `inpainting`. */
export const INPAINTING_DEFAULTS = Object.freeze({
  /** The hole of the context encoder (Pathak et al. 2016): a quarter of the image area, a square half the side. */
  holeFraction: 0.5,
  /** Hidden width of the MLP decoder (`MLP_DECODER_DEFAULTS.units`). */
  hiddenUnits: MLP_DECODER_DEFAULTS.units,
  /** Seed of the decoder's initial weights. */
  seed: 0,
});

export interface InpaintingOptions {
  encoder: tf.LayersModel;
  /** [height, width, channels] of the images. */
  imageShape: [number, number, number];
  /** Side of the square hole as a fraction of the image side. Default 0.5. */
  holeFraction?: number;
  /** Hidden width of the MLP decoder. Default 512. */
  hiddenUnits?: number;
  /** Seed of the decoder's initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * Inpainting with a context encoder (Pathak et al. 2016, "Context Encoders: Feature
 * Learning by Inpainting"): a square hole at a random position (from the step's seeded
 * random) is blanked out, and a decoder on the encoder's representation reconstructs the
 * image; the loss is the mean squared error over the hole only (the paper's
 * reconstruction term; its adversarial term is left out).
 *
 * @example
 * const method = inpainting({ encoder, imageShape: [28, 28, 1] });
 */
export function inpainting(options: InpaintingOptions): VisionMethod {
  const { encoder, imageShape } = options;
  const [height, width] = imageShape;
  const fraction = options.holeFraction ?? INPAINTING_DEFAULTS.holeFraction;
  if (!(fraction > 0 && fraction < 1)) throw new Error(`inpainting: holeFraction must be in (0, 1), got ${fraction}`);
  const hole = [Math.max(1, Math.round(height * fraction)), Math.max(1, Math.round(width * fraction))];
  const decoder = mlpDecoder(encoder, imageShape, {
    units: options.hiddenUnits ?? INPAINTING_DEFAULTS.hiddenUnits,
    name: 'inpainting_decoder',
    seed: options.seed ?? INPAINTING_DEFAULTS.seed,
  });
  return {
    name: 'inpainting',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, decoder),
    prepare({ images }, { random }) {
      const { masked, mask } = cutHoles(images, hole as [number, number], () => random.next());
      return [imagesToTensor(masked), imagesToTensor(images), imagesToTensor(mask)]; // input, target, hole mask: [B, H, W, C] each
    },
    forward: ([masked], context) => [decoder.apply(encoder.apply(masked, { training: true, context }), { training: true, context }) as tf.Tensor4D],
    loss([reconstruction], [, target, mask]) {
      const loss = reconstructionLoss(reconstruction as tf.Tensor4D, target as tf.Tensor4D, { mask: mask as tf.Tensor4D, kind: 'mse' });
      return { loss, terms: { reconstruction: loss } };
    },
    models: () => ({ encoder, decoder }),
    dispose: () => decoder.dispose(),
  };
}

/**
 * Blanks a [holeHeight, holeWidth] square at a random position in each image; returns the
 * masked images and the mask (1 inside the hole, in every channel).
 *
 * @example
 * const { masked, mask } = cutHoles(images, [14, 14], Math.random);
 */
export function cutHoles(
  images: FloatImages,
  [holeHeight, holeWidth]: [number, number],
  uniform: () => number,
): { masked: FloatImages; mask: FloatImages } {
  const { batch, height, width, channels } = images;
  if (holeHeight > height || holeWidth > width) throw new Error(`cutHoles: a ${holeHeight}x${holeWidth} hole does not fit ${height}x${width} images`);
  const masked = new Float32Array(images.data);
  const mask = new Float32Array(images.data.length);
  for (let n = 0; n < batch; n++) {
    const top = Math.floor(uniform() * (height - holeHeight + 1));
    const left = Math.floor(uniform() * (width - holeWidth + 1));
    for (let y = top; y < top + holeHeight; y++) {
      for (let x = left; x < left + holeWidth; x++) {
        const base = ((n * height + y) * width + x) * channels;
        for (let c = 0; c < channels; c++) {
          masked[base + c] = 0;
          mask[base + c] = 1;
        }
      }
    }
  }
  return { masked: { ...images, data: masked }, mask: { ...images, data: mask } };
}
