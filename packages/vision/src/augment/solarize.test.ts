import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import type { ImageBatch } from './image-batch.js';
import { SOLARIZE_DEFAULTS, solarize } from './solarize.js';

describe('solarize', () => {
  it('inverts the values at or above the threshold and keeps the others', () => {
    expect(SOLARIZE_DEFAULTS).toEqual({ probability: 0.2, threshold: 0.5 });
    const images: ImageBatch = { data: Float32Array.from([0, 0.25, 0.49, 0.5, 0.75, 1]), batch: 1, height: 1, width: 2, channels: 3 };
    const out = solarize(images, createRandom(0), { probability: 1 });
    expect(Array.from(out.data)).toEqual([0, 0.25, 0.49, 0.5, 0.25, 0].map(Math.fround));
    const lower = solarize(images, createRandom(0), { probability: 1, threshold: 0.2 });
    expect(Array.from(lower.data)).toEqual([0, 0.75, 0.51, 0.5, 0.25, 0].map(Math.fround));
  });

  it('solarizes whole images with the given probability, deterministically', () => {
    const data = new Float32Array(300).fill(0.9);
    const images: ImageBatch = { data, batch: 300, height: 1, width: 1, channels: 1 };
    const out = solarize(images, createRandom(1), { probability: 0.2 });
    const count = out.data.filter((v) => v < 0.5).length;
    expect(count).toBeGreaterThan(35);
    expect(count).toBeLessThan(85);
    expect(solarize(images, createRandom(1), { probability: 0.2 }).data).toEqual(out.data);
    expect(solarize(images, createRandom(1), { probability: 0 }).data).toEqual(images.data);
  });

  it('rejects a bad probability or threshold', () => {
    const images: ImageBatch = { data: new Float32Array(3), batch: 1, height: 1, width: 1, channels: 3 };
    expect(() => solarize(images, createRandom(0), { probability: -0.2 })).toThrow(
      /solarize: options.probability must be a number in \[0, 1\], got -0.2/,
    );
    expect(() => solarize(images, createRandom(0), { threshold: 1.5 })).toThrow(/solarize: options.threshold must be a number in \[0, 1\], got 1.5/);
  });
});
