import { describe, expect, it } from 'vitest';
import { outOfMemoryAdvice } from './out-of-memory-advice.js';

describe('outOfMemoryAdvice', () => {
  const run = { batchSize: 16, imageShape: [1024, 1024, 1], workers: 1 };

  it("turns the wasm backend's out-of-bounds error into one line with the batch, the image size and what to change", () => {
    // What `selfsup pretrain --image-size 1024 --batch-size 16 --workers 1` on a folder of digits ended with (measured: after 69 s).
    const advice = outOfMemoryAdvice(new RangeError('memory access out of bounds'), run) as Error;
    expect(advice.message).toBe(
      'a step of 16 images of 1024x1024x1 does not fit in memory (memory access out of bounds); the wasm backend has at most 4 GiB per thread: lower --batch-size (e.g. 4) or --image-size, or use more --workers',
    );
    expect((outOfMemoryAdvice(new Error('Array buffer allocation failed'), { ...run, workers: 2 }) as Error).message).toContain('(8 per worker)');
  });

  it('leaves other errors as they are', () => {
    const other = new Error('something else');
    expect(outOfMemoryAdvice(other, run)).toBe(other);
  });
});
