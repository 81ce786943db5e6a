import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { cloneImageBatch, createImageBatch, type ImageBatch } from './image-batch.js';
import { solarize } from './solarize.js';

describe('ImageBatch', () => {
  it('creates zero-filled batches and independent copies', () => {
    const blank = createImageBatch({ batch: 2, height: 28, width: 28, channels: 1 });
    expect(blank.data.length).toBe(2 * 28 * 28);
    expect(blank.data.every((v) => v === 0)).toBe(true);
    const copy = cloneImageBatch(blank);
    copy.data[0] = 1;
    expect(blank.data[0]).toBe(0);
    expect([copy.batch, copy.height, copy.width, copy.channels]).toEqual([2, 28, 28, 1]);
  });

  it('is checked by every augmentation, with the function and the field named', () => {
    const good: ImageBatch = { data: new Float32Array(2 * 3 * 4 * 3), batch: 2, height: 3, width: 4, channels: 3 };
    const random = createRandom(0);
    expect(() => solarize({ ...good, data: new Float32Array(5) }, random)).toThrow(
      'solarize: images.data must have batch * height * width * channels = 2 * 3 * 4 * 3 = 72 values, got 5',
    );
    expect(() => solarize({ ...good, channels: 2, data: new Float32Array(48) }, random)).toThrow('solarize: images.channels must be 1 or 3, got 2');
    expect(() => solarize({ ...good, width: -4 }, random)).toThrow('solarize: images.width must be a positive integer, got -4');
    expect(() => solarize({ ...good, data: Array.from(good.data) as never }, random)).toThrow(
      'solarize: images.data must be a Float32Array, got an array',
    );
    expect(() => solarize(null as never, random)).toThrow(
      'solarize: images must be an ImageBatch { data, batch, height, width, channels }, got null',
    );
  });
});
