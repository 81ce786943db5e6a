import type { SeededRandom } from '@selfsup/core';
import type * as tf from '@selfsup/core/tf';
import { dinoViews } from '../augment/dino-views.js';
import { digitMultiCrop, digitView } from '../augment/digit-views.js';
import { simclrView } from '../augment/simclr-view.js';
import type { FloatImages } from '../data/select-images.js';
import { DENOISING_AUTOENCODER, autoencoder } from '../methods/autoencoder.js';
import { byol } from '../methods/byol.js';
import { colorization } from '../methods/colorization.js';
import { dino } from '../methods/dino.js';
import { inpainting } from '../methods/inpainting.js';
import { jigsaw } from '../methods/jigsaw.js';
import { moco } from '../methods/moco.js';
import { rotationPrediction } from '../methods/rotation.js';
import { simclr } from '../methods/simclr.js';
import { simsiam } from '../methods/simsiam.js';
import type { VisionMethod } from '../methods/views.js';
import type { ImageShape } from './backbone-book.js';

/** What a recipe builds its method from. */
export interface RecipeContext {
  /** The encoder being pretrained. */
  encoder: tf.LayersModel;
  /** [height, width, channels] of the dataset's images. */
  imageShape: ImageShape;
  /** Steps of the run (momentum and temperature schedules). */
  totalSteps: number;
  /** Seed of the method's heads and other initial state (MoCo's queue); `buildRecipe` derives it from the run's seed. */
  seed: number;
}

/** One method's small-budget recipe: how to build it, and how to train it. */
export interface Recipe {
  /** What the encoder sees: the images, or their lightness only (colorization). */
  encoderInput: 'image' | 'lightness';
  /** Peak AdamW learning rate (linear warm-up over 5% of the steps, cosine decay). */
  learningRate: number;
  weightDecay: number;
  batchSize: number;
  build(context: RecipeContext): VisionMethod;
}

/** The shared training settings of the recipes: AdamW 1e-3, weight decay 1e-4, batches of 256. */
const TRAINING = { learningRate: 1e-3, weightDecay: 1e-4, batchSize: 256 } as const;

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
 * The recipe book: every vision method with the settings that `selfsup pretrain`, the
 * benchmarks in `bench/` and the examples all use. Paper defaults, except where a 2-core
 * budget of minutes needs smaller heads, a shorter queue or a constant EMA rate (each
 * departure is commented). docs/vision/methods.md tabulates them.
 *
 * @example
 * const method = RECIPES.moco.build({ encoder, imageShape: [28, 28, 1], totalSteps: 450, seed: 0 });
 */
export const RECIPES = {
  // Temperature 0.2 instead of 0.5: better for batches of 256 (SimCLR's appendix B.9).
  simclr: {
    encoderInput: 'image',
    ...TRAINING,
    build: ({ encoder, imageShape, seed }) => simclr({ encoder, augment: viewsFor(imageShape).view, temperature: 0.2, seed }),
  },
  // A queue of 16 batches (65,536 outnumbers what a short run makes) and momentum 0.99 (0.999 barely moves in 450 steps).
  moco: {
    encoderInput: 'image',
    ...TRAINING,
    build: ({ encoder, imageShape, seed }) =>
      moco({ encoder, augment: viewsFor(imageShape).view, queueSize: 4096, momentum: 0.99, hiddenUnits: 512, outputUnits: 128, seed }),
  },
  byol: {
    encoderInput: 'image',
    ...TRAINING,
    build: ({ encoder, imageShape, totalSteps, seed }) => {
      const { view } = viewsFor(imageShape);
      return byol({ encoder, augment: [view, view], totalSteps, hiddenUnits: 512, outputUnits: 128, seed });
    },
  },
  simsiam: {
    encoderInput: 'image',
    ...TRAINING,
    build: ({ encoder, imageShape, seed }) =>
      simsiam({ encoder, augment: viewsFor(imageShape).view, outputUnits: 512, predictorHiddenUnits: 128, seed }),
  },
  dino: {
    encoderInput: 'image',
    ...TRAINING,
    build: ({ encoder, imageShape, totalSteps, seed }) =>
      dino({
        encoder,
        augment: viewsFor(imageShape).multiCrop,
        totalSteps,
        head: { outputUnits: 1024, hiddenUnits: 512, bottleneckUnits: 128 },
        seed,
      }),
  },
  rotation: { encoderInput: 'image', ...TRAINING, build: ({ encoder, seed }) => rotationPrediction({ encoder, seed }) },
  jigsaw: { encoderInput: 'image', ...TRAINING, build: ({ encoder, seed }) => jigsaw({ encoder, hiddenUnits: 512, seed }) },
  inpainting: { encoderInput: 'image', ...TRAINING, build: ({ encoder, imageShape, seed }) => inpainting({ encoder, imageShape, seed }) },
  autoencoder: {
    encoderInput: 'image',
    ...TRAINING,
    build: ({ encoder, imageShape, seed }) => autoencoder({ encoder, imageShape, ...DENOISING_AUTOENCODER, seed }),
  },
  colorization: {
    encoderInput: 'lightness',
    ...TRAINING,
    batchSize: 64,
    build: ({ encoder, imageShape, seed }) => colorization({ encoder, imageShape, seed }),
  },
} as const satisfies Record<string, Recipe>;

export type RecipeName = keyof typeof RECIPES;
export const RECIPE_NAMES = Object.keys(RECIPES) as RecipeName[];
