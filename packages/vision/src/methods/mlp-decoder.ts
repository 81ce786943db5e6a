import { WeightSeeds } from '@selfsup/core';
import * as tf from '@selfsup/core/tf';
import { outputUnits } from './views.js';

/** Defaults of `mlpDecoder`. */
export const MLP_DECODER_DEFAULTS = Object.freeze({
  /** Hidden width of the reconstruction decoders' MLP: this project's choice, not from the papers (their decoders are convolutional). */
  units: 512,
});

/**
 * The decoder of the reconstruction tasks: the encoder's representation → dense → ReLU →
 * dense → sigmoid → an image of `imageShape` with pixels in [0, 1].
 *
 * @example
 * const decoder = mlpDecoder(encoder, [28, 28, 1], { name: 'decoder', seed: 0 }); // [B, D] -> [B, 28, 28, 1]
 */
export function mlpDecoder(
  encoder: tf.LayersModel,
  imageShape: [number, number, number],
  options: { units?: number; name: string; seed?: number },
): tf.Sequential {
  const seeds = new WeightSeeds(options.seed);
  return tf.sequential({
    name: options.name,
    layers: [
      tf.layers.dense({
        inputShape: [outputUnits(encoder)],
        units: options.units ?? MLP_DECODER_DEFAULTS.units,
        activation: 'relu',
        kernelInitializer: seeds.glorotUniform(),
      }),
      tf.layers.dense({ units: imageShape.reduce((a, b) => a * b, 1), activation: 'sigmoid', kernelInitializer: seeds.glorotUniform() }),
      tf.layers.reshape({ targetShape: imageShape }), // [B, H, W, C]
    ],
  });
}
