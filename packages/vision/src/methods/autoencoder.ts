import type * as tf from '@selfsup/core/tf';
import { reconstructionLoss } from '@selfsup/core';
import { MLP_DECODER_DEFAULTS, mlpDecoder } from './mlp-decoder.js';
import { type VisionMethod, imagesToTensor, trainableVariablesOf } from './views.js';

/** Defaults of `autoencoder`: a plain autoencoder (Hinton & Salakhutdinov 2006). */
export const AUTOENCODER_DEFAULTS = Object.freeze({
  /** No input noise: a plain autoencoder (`DENOISING_AUTOENCODER` adds some). */
  noise: 0,
  /** Hidden width of the MLP decoder (`MLP_DECODER_DEFAULTS.units`). */
  hiddenUnits: MLP_DECODER_DEFAULTS.units,
  /** Seed of the decoder's initial weights. */
  seed: 0,
});

/**
 * The denoising autoencoder (Vincent et al. 2008) that the recipe book trains: Gaussian
 * noise of std 0.3 on [0, 1] pixels, this project's choice (the 2008 paper zeroes pixels;
 * Gaussian noise is among the corruptions of Vincent et al. 2010). Spread it into the
 * options: `autoencoder({ encoder, imageShape, ...DENOISING_AUTOENCODER })`.
 */
export const DENOISING_AUTOENCODER = Object.freeze({ noise: 0.3 });

export interface AutoencoderOptions {
  encoder: tf.LayersModel;
  /** [height, width, channels] of the images to reconstruct. */
  imageShape: [number, number, number];
  /** Std of the Gaussian noise added to the input (a denoising autoencoder); 0 for a plain one. Default 0. */
  noise?: number;
  /** Hidden width of the MLP decoder. Default 512. */
  hiddenUnits?: number;
  /** Seed of the decoder's initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * An autoencoder (Hinton & Salakhutdinov 2006) or, with `noise` > 0, a denoising
 * autoencoder (Vincent et al. 2008): the encoder's representation is decoded back to the
 * clean image by an MLP decoder (dense → ReLU → dense → sigmoid), mean squared error.
 *
 * @example
 * const method = autoencoder({ encoder, imageShape: [28, 28, 1], ...DENOISING_AUTOENCODER });
 */
export function autoencoder(options: AutoencoderOptions): VisionMethod {
  const { encoder, imageShape } = options;
  const noise = options.noise ?? AUTOENCODER_DEFAULTS.noise;
  if (!(noise >= 0)) throw new Error(`autoencoder: noise must be >= 0, got ${noise}`);
  const decoder = mlpDecoder(encoder, imageShape, {
    units: options.hiddenUnits ?? AUTOENCODER_DEFAULTS.hiddenUnits,
    name: 'decoder',
    seed: options.seed ?? AUTOENCODER_DEFAULTS.seed,
  });
  return {
    name: 'autoencoder',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, decoder),
    prepare({ images }, { random }) {
      const clean = imagesToTensor(images); // [B, H, W, C]
      if (noise === 0) return [clean, clean];
      const noisy = Float32Array.from(images.data, (v) => v + noise * random.normal());
      return [imagesToTensor({ ...images, data: noisy }), clean]; // input, target
    },
    forward: ([input], context) => [decoder.apply(encoder.apply(input, { training: true, context }), { training: true, context }) as tf.Tensor4D], // [B, H, W, C]
    loss([reconstruction], [, clean]) {
      const loss = reconstructionLoss(reconstruction as tf.Tensor4D, clean as tf.Tensor4D, { kind: 'mse' });
      return { loss, terms: { reconstruction: loss } };
    },
    models: () => ({ encoder, decoder }),
    dispose: () => decoder.dispose(),
  };
}
