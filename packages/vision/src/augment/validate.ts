import { assertPositiveInteger, describeValue } from '@selfsup/core';
import { IMAGE_CHANNEL_COUNTS, type ImageBatch } from './image-batch.js';

/**
 * The one image check of the augmentations; numbers and options are checked with
 * `@selfsup/core`'s argument checks (`assertProbability`, `assertPositiveInteger`, ...).
 * Errors start with the function name and name the argument, e.g.
 * `solarize: images.width must be a positive integer, got -4`. Reads shapes only, never
 * pixel values.
 *
 * @example
 * assertImageBatch('horizontalFlip', 'images', images);
 */
export function assertImageBatch(fn: string, name: string, images: unknown): asserts images is ImageBatch {
  if (images === null || typeof images !== 'object') {
    throw new Error(`${fn}: ${name} must be an ImageBatch { data, batch, height, width, channels }, got ${describeValue(images)}`);
  }
  const candidate = images as Partial<ImageBatch>;
  for (const key of ['batch', 'height', 'width'] as const) assertPositiveInteger(fn, `${name}.${key}`, candidate[key]);
  if (!IMAGE_CHANNEL_COUNTS.includes(candidate.channels as number)) {
    throw new Error(`${fn}: ${name}.channels must be 1 or 3, got ${String(candidate.channels)}`);
  }
  if (!(candidate.data instanceof Float32Array)) {
    throw new Error(`${fn}: ${name}.data must be a Float32Array, got ${describeValue(candidate.data)}`);
  }
  const { batch, height, width, channels } = candidate as ImageBatch;
  const expected = batch * height * width * channels;
  if (candidate.data.length !== expected) {
    throw new Error(
      `${fn}: ${name}.data must have batch * height * width * channels = ${batch} * ${height} * ${width} * ${channels} = ${expected} values, got ${candidate.data.length}`,
    );
  }
}
