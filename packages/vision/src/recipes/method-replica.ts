// The replica module of the recipe book: a worker thread of `ParallelReplicas` imports it
// and builds the same method as the main thread, from the same JSON options.
import { type Replica, methodReplica } from '@selfsup/core';
import { type RecipeOptions, buildRecipe } from './build-recipe.js';

/**
 * A recipe method as a worker's replica (its weights arrive from the main thread).
 *
 * @example
 * const replicas = await ParallelReplicas.forMethod(method, { workers: 2 }); // imports this module in each worker
 */
export function createReplica(options: RecipeOptions): Replica {
  return methodReplica(buildRecipe(options).method);
}
