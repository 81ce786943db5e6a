import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { augmentView } from './augment-view.js';
import { DINO_FIRST_GLOBAL_VIEW, DINO_LOCAL_VIEW, DINO_SECOND_GLOBAL_VIEW, dinoViews } from './dino-views.js';
import { MULTI_CROP_MNIST_GLOBAL_SIZE, MULTI_CROP_MNIST_LOCAL_SIZE } from './multi-crop.js';
import { bytes, randomImages } from '../../test/fixtures/images.js';

describe('dinoViews', () => {
  it("has DINO's parameters (Caron et al. 2021)", () => {
    expect(DINO_FIRST_GLOBAL_VIEW.crop).toEqual({ scale: [0.4, 1] });
    expect(DINO_LOCAL_VIEW.crop).toEqual({ scale: [0.05, 0.4] });
    for (const view of [DINO_FIRST_GLOBAL_VIEW, DINO_SECOND_GLOBAL_VIEW, DINO_LOCAL_VIEW]) {
      expect(view.colorJitter).toEqual({ brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1, probability: 0.8 });
      expect(view.horizontalFlip).toEqual({ probability: 0.5 });
      expect(view.grayscale).toEqual({ probability: 0.2 });
    }
    expect([DINO_FIRST_GLOBAL_VIEW, DINO_SECOND_GLOBAL_VIEW, DINO_LOCAL_VIEW].map((v) => v.gaussianBlur?.probability)).toEqual([1.0, 0.1, 0.5]);
    expect([DINO_FIRST_GLOBAL_VIEW, DINO_SECOND_GLOBAL_VIEW, DINO_LOCAL_VIEW].map((v) => v.solarize?.probability)).toEqual([
      undefined,
      0.2,
      undefined,
    ]);
  });

  it('gives 2 global and the requested number of local views at MNIST sizes', () => {
    const mnist = randomImages(1, 3, 28, 28, 1);
    const views = dinoViews(mnist, createRandom(2), {
      globalSize: MULTI_CROP_MNIST_GLOBAL_SIZE,
      localSize: MULTI_CROP_MNIST_LOCAL_SIZE,
      localCrops: 4,
    });
    expect(views.map((v) => [v.batch, v.height, v.width, v.channels])).toEqual([[3, 28, 28, 1], [3, 28, 28, 1], ...Array(4).fill([3, 12, 12, 1])]);
    for (const view of views) for (const v of view.data) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('draws view by view, global views first', () => {
    const images = randomImages(3, 2, 32, 32, 3);
    const views = dinoViews(images, createRandom(4), { globalSize: 24, localSize: 8, localCrops: 2 });
    const random = createRandom(4);
    const sized = (recipe: typeof DINO_LOCAL_VIEW, size: number) => ({ ...recipe, crop: { ...recipe.crop, size } });
    const expected = [
      augmentView(images, random, sized(DINO_FIRST_GLOBAL_VIEW, 24)),
      augmentView(images, random, sized(DINO_SECOND_GLOBAL_VIEW, 24)),
      augmentView(images, random, sized(DINO_LOCAL_VIEW, 8)),
      augmentView(images, random, sized(DINO_LOCAL_VIEW, 8)),
    ];
    expect(views.map((view, i) => bytes(view).equals(bytes(expected[i])))).toEqual([true, true, true, true]);
  });

  it('rejects a global crop count, which DINO fixes at 2', () => {
    const images = randomImages(5, 1, 16, 16, 3);
    expect(() => dinoViews(images, createRandom(0), { globalCrops: 3 } as never)).toThrow(/dinoViews: options.globalCrops is fixed at 2/);
    expect(() => dinoViews(images, createRandom(0), { localCrops: 1.5 })).toThrow(/dinoViews: options.localCrops must be an integer >= 0, got 1.5/);
  });
});
