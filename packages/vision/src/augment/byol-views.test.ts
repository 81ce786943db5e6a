import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { augmentView } from './augment-view.js';
import { BYOL_FIRST_VIEW, BYOL_SECOND_VIEW, byolFirstView, byolSecondView, byolViews } from './byol-views.js';
import { bytes, randomImages } from '../../test/fixtures/images.js';

describe('byolViews', () => {
  it("has BYOL's asymmetric parameters (Grill et al. 2020, table 6)", () => {
    for (const view of [BYOL_FIRST_VIEW, BYOL_SECOND_VIEW]) {
      expect(view.crop).toEqual({ scale: [0.08, 1], ratio: [3 / 4, 4 / 3] });
      expect(view.horizontalFlip).toEqual({ probability: 0.5 });
      expect(view.colorJitter).toEqual({ brightness: 0.4, contrast: 0.4, saturation: 0.2, hue: 0.1, probability: 0.8 });
      expect(view.grayscale).toEqual({ probability: 0.2 });
    }
    expect([BYOL_FIRST_VIEW.gaussianBlur?.probability, BYOL_SECOND_VIEW.gaussianBlur?.probability]).toEqual([1.0, 0.1]);
    expect([BYOL_FIRST_VIEW.solarize?.probability, BYOL_SECOND_VIEW.solarize?.probability]).toEqual([0, 0.2]);
  });

  it('draws the first view for the whole batch, then the second', () => {
    const images = randomImages(1, 4, 24, 24, 3);
    const [first, second] = byolViews(images, createRandom(2), { size: 16 });
    const random = createRandom(2);
    expect(bytes(first).equals(bytes(augmentView(images, random, { ...BYOL_FIRST_VIEW, crop: { ...BYOL_FIRST_VIEW.crop, size: 16 } })))).toBe(true);
    expect(bytes(second).equals(bytes(augmentView(images, random, { ...BYOL_SECOND_VIEW, crop: { ...BYOL_SECOND_VIEW.crop, size: 16 } })))).toBe(
      true,
    );
    expect([first.height, second.width]).toEqual([16, 16]);
    // The pair of view transforms draws the same.
    const pair = createRandom(2);
    expect(bytes(byolFirstView(images, pair, { size: 16 })).equals(bytes(first))).toBe(true);
    expect(bytes(byolSecondView(images, pair, { size: 16 })).equals(bytes(second))).toBe(true);
  });

  it('works on one-channel images and rejects a recipe list that is not a pair', () => {
    const mnist = randomImages(3, 3, 28, 28, 1);
    const [a, b] = byolViews(mnist, createRandom(4));
    expect([a.channels, b.channels, a.height]).toEqual([1, 1, 28]);
    expect(() => byolViews(mnist, createRandom(0), { recipes: [BYOL_FIRST_VIEW] as never })).toThrow(
      /byolViews: options.recipes must be a pair \[ViewRecipe, ViewRecipe\]/,
    );
  });
});
