import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { HORIZONTAL_FLIP_DEFAULTS, horizontalFlip } from './horizontal-flip.js';
import type { ImageBatch } from './image-batch.js';
import { randomImages } from '../../test/fixtures/images.js';

describe('horizontalFlip', () => {
  it('mirrors each row, keeping the channels of a pixel together', () => {
    // One 1 x 3 RGB image: pixels (1, 2, 3), (4, 5, 6), (7, 8, 9) (scaled to [0, 1]).
    const images: ImageBatch = {
      data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => v / 10)),
      batch: 1,
      height: 1,
      width: 3,
      channels: 3,
    };
    const out = horizontalFlip(images, createRandom(0), { probability: 1 });
    expect(Array.from(out.data)).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3].map((v) => Math.fround(v / 10)));
  });

  it('is the identity when applied twice with probability 1, and at probability 0', () => {
    const images = randomImages(1, 3, 5, 6, 3);
    const twice = horizontalFlip(horizontalFlip(images, createRandom(2), { probability: 1 }), createRandom(3), { probability: 1 });
    expect(twice.data).toEqual(images.data);
    expect(horizontalFlip(images, createRandom(4), { probability: 0 }).data).toEqual(images.data);
  });

  it('flips about half of the images by default, deterministically for a seed', () => {
    expect(HORIZONTAL_FLIP_DEFAULTS).toEqual({ probability: 0.5 });
    const images = randomImages(5, 400, 1, 2, 1);
    const out = horizontalFlip(images, createRandom(6));
    let flipped = 0;
    for (let n = 0; n < 400; n++) if (out.data[2 * n] !== images.data[2 * n]) flipped++;
    expect(flipped).toBeGreaterThan(160);
    expect(flipped).toBeLessThan(240);
    expect(horizontalFlip(images, createRandom(6)).data).toEqual(out.data);
    expect(horizontalFlip(images, createRandom(7)).data).not.toEqual(out.data);
  });

  it('rejects a probability outside [0, 1]', () => {
    const images = randomImages(8, 1, 2, 2, 1);
    expect(() => horizontalFlip(images, createRandom(0), { probability: -0.5 })).toThrow(
      /horizontalFlip: options.probability must be a number in \[0, 1\], got -0.5/,
    );
    expect(() => horizontalFlip(images, createRandom(0), { probability: Number.NaN })).toThrow(/horizontalFlip: options.probability/);
  });
});
