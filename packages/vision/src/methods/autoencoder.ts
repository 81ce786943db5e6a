import type * as tf from '@tensorflow/tfjs';
import { reconstructionLoss } from '@selfsup/core';
import { mlpDecoder } from './mlp-decoder.js';
import { type VisionMethod, imagesToTensor, trainableVariablesOf } from './views.js';

/** Noise of the denoising autoencoder (Vincent et al. 2008): Gaussian, std 0.3 on [0, 1] pixels. */
export const DENOISING_DEFAULT_NOISE = 0.3;

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
 * const method = autoencoder({ encoder, imageShape: [28, 28, 1], noise: DENOISING_DEFAULT_NOISE });
 */
export function autoencoder(options: AutoencoderOptions): VisionMethod {
  const { encoder, imageShape } = options;
  const noise = options.noise ?? 0;
  if (!(noise >= 0)) throw new Error(`autoencoder: noise must be >= 0, got ${noise}`);
  const decoder = mlpDecoder(encoder, imageShape, { units: options.hiddenUnits, name: 'decoder', seed: options.seed ?? 0 });
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
    forward: ([input]) => [decoder.apply(encoder.apply(input, { training: true })) as tf.Tensor4D], // [B, H, W, C]
    loss([reconstruction], [, clean]) {
      const loss = reconstructionLoss(reconstruction as tf.Tensor4D, clean as tf.Tensor4D, { kind: 'mse' });
      return { loss, terms: { reconstruction: loss } };
    },
    models: () => ({ encoder, decoder }),
    dispose: () => decoder.dispose(),
  };
}
