import { deriveSeed } from '@selfsup/core';
import type { TextMethod } from '../methods/text-method.js';
import { TEXT_RECIPE_NAMES, TEXT_RECIPES, type TextBatch, type TextRecipe, type TextRecipeContext, type TextRecipeName } from './text-recipe-book.js';

/** Everything that picks a text recipe's method: JSON, so that a worker thread builds the same one. */
export interface TextRecipeOptions extends Omit<TextRecipeContext, 'seed'> {
  /** A name of the text recipe book (`TEXT_RECIPE_NAMES`). */
  method: string;
  /** Draws the model's initial weights. Default 0. */
  seed?: number;
}

/** Where a worker thread finds `createReplica` for text recipe methods. */
const REPLICA_MODULE = new URL(import.meta.url.endsWith('.ts') ? './text-method-replica.ts' : './text-method-replica.js', import.meta.url).href;

/**
 * Builds a method of the text recipe book: the one way the command, the benchmarks and
 * the examples make a text method. The same options (and seed) give the same initial
 * weights, in this thread and in the worker threads (`ParallelReplicas.forMethod`).
 *
 * @example
 * const { method, recipe } = buildTextRecipe({ method: 'gpt', vocabularySize: tokenizer.vocabSize, specialTokens: {}, totalSteps: 1500 });
 * await train({ method, data: recipe.data(corpus, { ...recipe, specialTokens: {} }), optimizer: new AdamW({ learningRate: recipe.learningRate }), steps: 1500 });
 */
export function buildTextRecipe(options: TextRecipeOptions): { method: TextMethod<TextBatch>; recipe: TextRecipe } {
  const recipe = textRecipeFor(options.method);
  const method: TextMethod<TextBatch> = recipe.build({ ...options, seed: deriveSeed(options.seed ?? 0, 1) });
  method.replica = { module: REPLICA_MODULE, options };
  return { method, recipe };
}

/**
 * The recipe of a text method name, or an error listing the names.
 *
 * @example
 * textRecipeFor('gpt').contextLength; // 64
 */
export function textRecipeFor(name: string): TextRecipe {
  if (!Object.hasOwn(TEXT_RECIPES, name)) throw new Error(`unknown text method '${name}'; choose one of: ${TEXT_RECIPE_NAMES.join(', ')}`);
  return TEXT_RECIPES[name as TextRecipeName];
}
