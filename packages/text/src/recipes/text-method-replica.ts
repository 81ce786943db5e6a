// The replica module of the text recipe book: a worker thread of `ParallelReplicas` imports
// it and builds the same method as the main thread, from the same JSON options.
import { type Replica, methodReplica } from '@selfsup/core';
import { buildTextRecipe, type TextRecipeOptions } from './build-text-recipe.js';

/**
 * A text recipe method as a worker's replica (its weights arrive from the main thread).
 *
 * @example
 * const replicas = await ParallelReplicas.forMethod(method, { workers: 2 }); // imports this module in each worker
 */
export function createReplica(options: TextRecipeOptions): Replica {
  return methodReplica(buildTextRecipe(options).method);
}
