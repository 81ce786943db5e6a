import * as tf from '@tensorflow/tfjs';
import { ParallelReplicas, batchLoader, train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDigits } from '../../test/fixtures/mnist-subset.js';
import { loadEmoji } from '../data/emoji.js';
import type { LabelledImages } from '../data/mnist.js';
import { selectImages } from '../data/select-images.js';
import type { ImagesBatch } from '../methods/views.js';
import { type RecipeOptions, buildRecipe, encoderFor, recipeFor } from './build-recipe.js';
import { RECIPE_NAMES } from './recipe-book.js';

const STEPS = 2;

describe('the recipe book (wasm)', () => {
  let digits: LabelledImages;
  let emoji: LabelledImages;
  const opened: ParallelReplicas[] = [];
  beforeAll(async () => {
    await useBackend('wasm');
    [digits, emoji] = await Promise.all([loadDigits(), loadEmoji({ limit: 64 })]);
  });
  afterAll(() => Promise.all(opened.map((r) => r.dispose())));

  const setup = (method: string) => {
    const images = recipeFor(method).encoderInput === 'lightness' ? emoji : digits;
    const options: RecipeOptions = { method, imageShape: [images.height, images.width, images.channels], totalSteps: STEPS, seed: 5 };
    const data = batchLoader<ImagesBatch>({
      size: images.count,
      batchSize: 32,
      load: (indices) => ({ images: selectImages(images, indices) }),
      dispose: () => {},
    });
    return { options, data };
  };

  it.each(RECIPE_NAMES)(
    '%s: trains on 2 worker threads within batch-norm noise of one thread',
    async (name) => {
      const { options, data } = setup(name);
      const single = buildRecipe(options);
      expect(single.method.name).toBe(name); // the public name is the command-line name
      const inOneThread = await train({ method: single.method, data, optimizer: tf.train.adam(1e-3), steps: STEPS, seed: 1 });
      const parallel = buildRecipe(options);
      const replicas = await ParallelReplicas.forMethod(parallel.method, { workers: 2 });
      opened.push(replicas);
      const onWorkers = await train({ method: parallel.method, data, optimizer: tf.train.adam(1e-3), steps: STEPS, seed: 1, replicas });
      expect(onWorkers.losses.every(Number.isFinite)).toBe(true);
      // Same weights, same views: only batch norm differs (each worker normalises 16 examples, not 32).
      // (SimSiam starts near 0, a negative cosine between unrelated vectors: hence the absolute part.)
      expect(Math.abs(onWorkers.losses[0] - inOneThread.losses[0])).toBeLessThan(0.15 * Math.abs(inOneThread.losses[0]) + 0.01);
      for (const built of [single, parallel]) {
        built.method.dispose();
        built.encoder.dispose();
      }
    },
    120_000,
  );

  it('rebuilds the same random-init encoder for a seed, and names the choices for an unknown method', () => {
    const options: RecipeOptions = { method: 'simclr', imageShape: [28, 28, 1], totalSteps: 1, seed: 7 };
    const { encoder, method } = buildRecipe(options);
    const baseline = encoderFor(options);
    const weights = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights(baseline)).toEqual(weights(encoder));
    expect(method.replica?.options).toEqual(options);
    expect(() => buildRecipe({ ...options, method: 'simclrr' })).toThrow(/unknown method 'simclrr'; choose one of: simclr, moco, byol/);
    expect(() => buildRecipe({ ...options, backbone: 'vgg' })).toThrow(/unknown backbone 'vgg'; choose one of: convnet/);
    for (const model of [encoder, baseline]) model.dispose();
    method.dispose();
  });
});
