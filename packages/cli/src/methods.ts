import type * as tf from '@tensorflow/tfjs';
import { type SeededRandom, deriveSeed, seededScope } from '@selfsup/core';
import {
  type FloatImages,
  type VisionMethod,
  autoencoder,
  byol,
  colorization,
  digitMultiCrop,
  digitView,
  dino,
  dinoViews,
  inpainting,
  jigsaw,
  moco,
  rotationPrediction,
  simclr,
  simclrView,
  simsiam,
} from '@selfsup/vision';
import type { ImageShape } from './backbones.js';
import { UsageError, choices } from './usage-error.js';

/** What a method is built from: the encoder to pretrain, the dataset images' shape and the run's length. */
export interface MethodContext {
  encoder: tf.LayersModel;
  shape: ImageShape;
  totalSteps: number;
  seed: number;
}

/**
 * The views of a dataset: on one channel the digit recipe (no flips: they change digits),
 * on colour images SimCLR's and DINO's multi-crop (local crops at 96/224 of the side).
 *
 * @example
 * const { view, multiCrop } = viewsFor([28, 28, 1]); // digitView, digitMultiCrop
 */
export function viewsFor(shape: ImageShape) {
  if (shape[2] === 1) return { view: digitView, multiCrop: (images: FloatImages, random: SeededRandom) => digitMultiCrop(images, random) };
  const localSize = Math.max(8, Math.round((shape[0] * 96) / 224));
  return {
    view: (images: FloatImages, random: SeededRandom) => simclrView(images, random),
    multiCrop: (images: FloatImages, random: SeededRandom) => dinoViews(images, random, { globalSize: shape[0], localSize, localCrops: 6 }),
  };
}

/**
 * Each method `selfsup pretrain --method` offers, with the papers' defaults except where
 * a 2-core budget needs smaller heads (documented in docs/cli.md).
 */
export const METHODS = {
  simclr: ({ encoder, shape }: MethodContext) => simclr({ encoder, augment: viewsFor(shape).view, temperature: 0.2 }),
  moco: ({ encoder, shape, seed }: MethodContext) => moco({ encoder, augment: viewsFor(shape).view, queueSize: 4096, momentum: 0.99, seed }),
  byol: ({ encoder, shape, totalSteps }: MethodContext) => {
    const { view } = viewsFor(shape);
    return byol({ encoder, augment: [view, view], totalSteps, hiddenUnits: 512, outputUnits: 128 });
  },
  simsiam: ({ encoder, shape }: MethodContext) => simsiam({ encoder, augment: viewsFor(shape).view, projectionUnits: 512, predictorHiddenUnits: 128 }),
  dino: ({ encoder, shape, totalSteps }: MethodContext) =>
    dino({ encoder, augment: viewsFor(shape).multiCrop, totalSteps, head: { outputUnits: 1024, hiddenUnits: 512, bottleneckUnits: 128 } }),
  rotation: ({ encoder }: MethodContext) => rotationPrediction({ encoder }),
  jigsaw: ({ encoder }: MethodContext) => jigsaw({ encoder, hiddenUnits: 512 }),
  inpainting: ({ encoder, shape }: MethodContext) => inpainting({ encoder, imageShape: shape }),
  autoencoder: ({ encoder, shape }: MethodContext) => autoencoder({ encoder, imageShape: shape }),
  colorization: ({ encoder, shape, seed }: MethodContext) => colorization({ encoder, imageShape: shape, seed }),
} as const satisfies Record<string, (context: MethodContext) => VisionMethod | Promise<VisionMethod>>;

export type MethodName = keyof typeof METHODS;

/** Mixed into the run's seed for the heads' initialisation (the encoder uses the seed itself). */
const METHOD_SEED_COUNTER = 1;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

/**
 * Builds a named method around an encoder. An unknown name is a usage error listing the
 * choices; a method that cannot apply to the data (colorization on one channel) says so.
 *
 * @example
 * const method = await buildMethod('simclr', { encoder, shape: [28, 28, 1], totalSteps: 450, seed: 0 });
 */
export async function buildMethod(name: string, context: MethodContext): Promise<VisionMethod> {
  if (!(name in METHODS)) throw new UsageError(`unknown method '${name}'; ${choices(METHOD_NAMES)}`);
  // Methods create their heads synchronously, before their first await (momentum copies
  // are overwritten with the online weights): seeding that part makes a run repeat exactly.
  const { method } = seededScope(deriveSeed(context.seed, METHOD_SEED_COUNTER), () => ({ method: Promise.resolve(METHODS[name as MethodName](context)) }));
  return method;
}
