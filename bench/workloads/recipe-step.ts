// One training step of a recipe-book method on 256 MNIST digits through `train()`, on the
// main thread or data-parallel on worker threads (`ParallelReplicas.forMethod`): what
// `selfsup pretrain --method NAME --workers N` runs each step, augmentations included.
import { AdamW, batchLoader, train } from '@selfsup/core';
import { ParallelReplicas } from '@selfsup/core/node';
import { type ImagesBatch, buildRecipe, selectImages } from '@selfsup/vision';
import { loadMnist } from '@selfsup/vision/node';
import type { Workload } from './workload.js';

/**
 * A recipe's step with `workers` threads (1: the main thread only).
 *
 * @example
 * const workload = await recipeStep({ method: 'simclr', backbone: 'convnet', workers: 2 });
 */
export async function recipeStep(options: { method: string; backbone: string; workers: number }): Promise<Workload> {
  const digits = await loadMnist('train', { limit: 2048 });
  const { encoder, method, recipe } = buildRecipe({
    method: options.method,
    backbone: options.backbone,
    imageShape: [28, 28, 1],
    totalSteps: 1000,
    seed: 0,
  });
  const replicas = options.workers > 1 ? await ParallelReplicas.forMethod(method, { workers: options.workers }) : undefined;
  const optimizer = new AdamW({ learningRate: recipe.learningRate, weightDecay: recipe.weightDecay });
  const data = batchLoader<ImagesBatch>({
    size: digits.count,
    batchSize: 256,
    load: (indices) => ({ images: selectImages(digits, indices) }),
    dispose: () => {},
  });
  let seed = 0;
  return {
    name: `${options.method} (${options.backbone}), ${options.workers} worker${options.workers === 1 ? '' : 's'}`,
    unit: 'images/s',
    itemsPerStep: 256,
    step: async () => {
      await train({ method, data, optimizer, steps: 1, seed: seed++, replicas });
    },
    dispose: async () => {
      await replicas?.dispose();
      method.dispose();
      encoder.dispose();
      optimizer.dispose();
    },
  };
}
