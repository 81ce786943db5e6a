import * as tf from '@selfsup/core/tf';
import { batchLoader, train } from '@selfsup/core';
import { ParallelReplicas } from '@selfsup/core/node';
import { useBackend } from '@selfsup/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDigits } from '../../test/fixtures/mnist-subset.js';
import { loadEmoji } from '../data/emoji.js';
import type { LabelledImages } from '../data/mnist.js';
import { selectImages } from '../data/select-images.js';
import type { ImagesBatch } from '../methods/views.js';
import { type RecipeOptions, buildRecipe, encoderFor, recipeFor } from './build-recipe.js';
import { BACKBONE_NAMES } from './backbone-book.js';
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

  it('builds every recipe and every backbone from its seed alone, never reading Math.random', () => {
    const weights = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
    const pairs = [...RECIPE_NAMES.map((method) => [method, 'convnet']), ...BACKBONE_NAMES.slice(1).map((backbone) => ['simclr', backbone])];
    for (const [method, backbone] of pairs) {
      const imageShape: [number, number, number] = recipeFor(method).encoderInput === 'lightness' ? [16, 16, 3] : [16, 16, 1];
      const random = vi.spyOn(Math, 'random').mockImplementation(() => {
        throw new Error(`Math.random read while building ${method} on ${backbone}`);
      });
      const built = [5, 5, 6].map((seed) => buildRecipe({ method, backbone, imageShape, totalSteps: 1, seed }));
      random.mockRestore();
      const [a, b, c] = built.map(({ method }) => Object.values(method.models?.() ?? {}).map(weights));
      expect(a, `${method} on ${backbone}`).toEqual(b);
      expect(a, `${method} on ${backbone}`).not.toEqual(c);
      for (const { encoder, method } of built) {
        method.dispose();
        encoder.dispose();
      }
    }
  }, 120_000);

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
