import type * as tf from '@selfsup/core/tf';
import { deriveSeed } from '@selfsup/core';
import type { VisionMethod } from '../methods/views.js';
import { type ImageShape, buildBackbone } from './backbone-book.js';
import { RECIPES, RECIPE_NAMES, type Recipe, type RecipeName } from './recipe-book.js';

/** Everything that picks a recipe's method: JSON, so that a worker thread builds the same one. */
export interface RecipeOptions {
  /** A name of the recipe book (`RECIPE_NAMES`). */
  method: string;
  /** A name of the backbone book (`BACKBONE_NAMES`). Default 'convnet'. */
  backbone?: string;
  /** [height, width, channels] of the dataset's images. */
  imageShape: ImageShape;
  totalSteps: number;
  /** Draws the encoder's and the heads' initial weights. Default 0. */
  seed?: number;
}

/** Where a worker thread finds `createReplica` for recipe methods. */
const REPLICA_MODULE = new URL(import.meta.url.endsWith('.ts') ? './method-replica.ts' : './method-replica.js', import.meta.url).href;

/** Mixed into the seed for the heads' initialisation (the encoder uses the seed itself). */
const HEADS_SEED_COUNTER = 1;

/**
 * Builds a method of the recipe book with its encoder: the one way the command, the
 * benchmarks and the examples make a method. The encoder's weights follow `seed` (so
 * `encoderFor(options)` rebuilds the same random-init encoder, the probes' baseline) and
 * the method knows how a worker thread builds its replica (`ParallelReplicas.forMethod`).
 *
 * @example
 * const { encoder, method, recipe } = buildRecipe({ method: 'simclr', imageShape: [28, 28, 1], totalSteps: 450, seed: 0 });
 * await train({ method, data, optimizer: new AdamW({ learningRate: recipe.learningRate }), steps: 450 });
 */
export function buildRecipe(options: RecipeOptions): { encoder: tf.LayersModel; method: VisionMethod; recipe: Recipe } {
  const recipe = recipeFor(options.method);
  const seed = options.seed ?? 0;
  const encoder = encoderFor(options);
  const method = recipe.build({
    encoder,
    imageShape: options.imageShape,
    totalSteps: options.totalSteps,
    seed: deriveSeed(seed, HEADS_SEED_COUNTER),
  });
  method.replica = { module: REPLICA_MODULE, options };
  return { encoder, method, recipe };
}

/**
 * The encoder of a recipe at its initialisation for `seed`: what `buildRecipe` trains,
 * before training (the random-init baseline of the probes).
 *
 * @example
 * const baseline = encoderFor({ method: 'colorization', imageShape: [32, 32, 3], totalSteps: 1, seed: 0 }); // takes [B, 32, 32, 1]
 */
export function encoderFor(options: RecipeOptions): tf.LayersModel {
  const recipe = recipeFor(options.method);
  const [height, width, channels] = options.imageShape;
  const shape: ImageShape = recipe.encoderInput === 'lightness' ? [height, width, 1] : [height, width, channels];
  return buildBackbone(options.backbone ?? 'convnet', shape, options.seed ?? 0);
}

/**
 * The recipe of a method name, or an error listing the names.
 *
 * @example
 * recipeFor('dino').learningRate; // 1e-3
 */
export function recipeFor(name: string): Recipe {
  if (!(name in RECIPES)) throw new Error(`unknown method '${name}'; choose one of: ${RECIPE_NAMES.join(', ')}`);
  return RECIPES[name as RecipeName];
}
