import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { augmentView } from './augment-view.js';
import { DIGIT_LOCAL_CROPS, DIGIT_LOCAL_VIEW, DIGIT_VIEW, digitMultiCrop, digitView } from './digit-views.js';
import { randomImages } from '../../test/fixtures/images.js';

describe('digit views', () => {
  it('never flip and only jitter brightness and contrast', () => {
    for (const recipe of [DIGIT_VIEW, DIGIT_LOCAL_VIEW]) {
      expect(recipe.horizontalFlip).toBeUndefined();
      expect(recipe.colorJitter).toEqual({ brightness: 0.4, contrast: 0.4, saturation: 0, hue: 0, probability: 0.8 });
    }
    expect(DIGIT_VIEW.crop).toEqual({ scale: [0.4, 1], ratio: [3 / 4, 4 / 3] });
    expect(Object.isFrozen(DIGIT_VIEW)).toBe(true);
  });

  it('digitView is augmentView with DIGIT_VIEW: same seed, same pixels, in [0, 1]', () => {
    const images = randomImages(1, 4, 28, 28, 1);
    const view = digitView(images, createRandom(3));
    expect(view.data).toEqual(augmentView(images, createRandom(3), DIGIT_VIEW).data);
    expect([view.batch, view.height, view.width, view.channels]).toEqual([4, 28, 28, 1]);
    for (const v of view.data) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('digitMultiCrop gives two 28x28 global views first, then 12x12 local ones', () => {
    const images = randomImages(2, 3, 28, 28, 1);
    const views = digitMultiCrop(images, createRandom(5));
    expect(views.map((v) => v.height)).toEqual([28, 28, ...Array(DIGIT_LOCAL_CROPS).fill(12)]);
    expect(digitMultiCrop(images, createRandom(5), { localCrops: 2 })).toHaveLength(4);
    expect(digitMultiCrop(images, createRandom(5))[3].data).toEqual(views[3].data);
  });

  it('rejects a bad local crop count, naming the option', () => {
    expect(() => digitMultiCrop(randomImages(2, 1, 28, 28, 1), createRandom(0), { localCrops: 0 })).toThrow(/digitMultiCrop: options.localCrops/);
  });
});
