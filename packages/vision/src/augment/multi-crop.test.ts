import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import type { ImageBatch } from './image-batch.js';
import { MULTI_CROP_DEFAULTS, MULTI_CROP_MNIST_GLOBAL_SIZE, MULTI_CROP_MNIST_LOCAL_SIZE, multiCrop } from './multi-crop.js';
import { randomResizedCrop } from './random-resized-crop.js';
import { randomImages } from '../../test/fixtures/images.js';

const shape = (images: ImageBatch) => [images.batch, images.height, images.width, images.channels];

describe('multiCrop', () => {
  it("uses DINO's defaults", () => {
    expect(MULTI_CROP_DEFAULTS).toEqual({
      globalCrops: 2,
      localCrops: 8,
      globalSize: 224,
      localSize: 96,
      globalScale: [0.4, 1],
      localScale: [0.05, 0.4],
    });
    expect([MULTI_CROP_MNIST_GLOBAL_SIZE, MULTI_CROP_MNIST_LOCAL_SIZE]).toEqual([28, 12]);
  });

  it('gives the requested numbers and sizes of crops', () => {
    const mnist = randomImages(1, 3, 28, 28, 1);
    const crops = multiCrop(mnist, createRandom(2), {
      globalSize: MULTI_CROP_MNIST_GLOBAL_SIZE,
      localSize: MULTI_CROP_MNIST_LOCAL_SIZE,
      localCrops: 5,
    });
    // Global crops first, then the local ones.
    expect(crops.map(shape)).toEqual([[3, 28, 28, 1], [3, 28, 28, 1], ...Array(5).fill([3, 12, 12, 1])]);
    const globalOnly = multiCrop(randomImages(3, 2, 16, 16, 3), createRandom(4), { globalCrops: 3, localCrops: 0, globalSize: 8, localSize: 4 });
    expect(globalOnly.map(shape)).toEqual(Array(3).fill([2, 8, 8, 3]));
  });

  it('draws crop by crop: the same as randomResizedCrop called in that order', () => {
    const images = randomImages(5, 4, 20, 20, 3);
    const options = { globalSize: 10, localSize: 6, localCrops: 2 };
    const crops = multiCrop(images, createRandom(6), options);
    const random = createRandom(6);
    const expected = [
      randomResizedCrop(images, random, { size: 10, scale: [0.4, 1] }),
      randomResizedCrop(images, random, { size: 10, scale: [0.4, 1] }),
      randomResizedCrop(images, random, { size: 6, scale: [0.05, 0.4] }),
      randomResizedCrop(images, random, { size: 6, scale: [0.05, 0.4] }),
    ];
    expect(crops.map((v) => v.data)).toEqual(expected.map((v) => v.data));
    const again = multiCrop(images, createRandom(6), options);
    expect(again[3].data).toEqual(crops[3].data);
  });

  it('rejects bad counts, sizes and scales naming the option', () => {
    const images = randomImages(7, 1, 8, 8, 3);
    const random = createRandom(0);
    expect(() => multiCrop(images, random, { globalCrops: 0 })).toThrow(/multiCrop: options.globalCrops must be an integer >= 1, got 0/);
    expect(() => multiCrop(images, random, { localCrops: -1 })).toThrow(/multiCrop: options.localCrops must be an integer >= 0, got -1/);
    expect(() => multiCrop(images, random, { localSize: 0 })).toThrow(/multiCrop: options.localSize must be a positive integer, got 0/);
    expect(() => multiCrop(images, random, { localScale: [0.05, 1.2] })).toThrow(
      /multiCrop: options.localScale must be \[min, max\] with 0 < min <= max <= 1, got \[0.05, 1.2\]/,
    );
    expect(() => multiCrop({ ...images, batch: 0 }, random)).toThrow(/multiCrop: images.batch must be a positive integer, got 0/);
  });
});
