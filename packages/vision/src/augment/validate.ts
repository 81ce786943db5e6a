import { IMAGE_CHANNEL_COUNTS, type ImageBatch } from './image-batch.js';

/**
 * Input checks shared by the augmentations. Every check throws an Error whose message
 * starts with the function name, names the argument and says what was expected and what
 * was received, e.g. `horizontalFlip: options.probability must be a number in [0, 1], got -0.5`.
 * Checks read shapes and options only, never pixel values.
 */

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Throws unless `images` is a well-formed ImageBatch with 1 or 3 channels. */
export function assertImageBatch(fn: string, name: string, images: unknown): asserts images is ImageBatch {
  if (images === null || typeof images !== 'object') {
    throw new Error(`${fn}: ${name} must be an ImageBatch { data, batch, height, width, channels }, got ${images === null ? 'null' : typeof images}`);
  }
  const candidate = images as Partial<ImageBatch>;
  for (const key of ['batch', 'height', 'width'] as const) {
    if (!isPositiveInteger(candidate[key])) {
      throw new Error(`${fn}: ${name}.${key} must be a positive integer, got ${String(candidate[key])}`);
    }
  }
  if (!IMAGE_CHANNEL_COUNTS.includes(candidate.channels as number)) {
    throw new Error(`${fn}: ${name}.channels must be 1 or 3, got ${String(candidate.channels)}`);
  }
  if (!(candidate.data instanceof Float32Array)) {
    throw new Error(`${fn}: ${name}.data must be a Float32Array, got ${candidate.data === null ? 'null' : typeof candidate.data}`);
  }
  const { batch, height, width, channels } = candidate as ImageBatch;
  const expected = batch * height * width * channels;
  if (candidate.data.length !== expected) {
    throw new Error(
      `${fn}: ${name}.data must have batch * height * width * channels = ${batch} * ${height} * ${width} * ${channels} = ${expected} values, got ${candidate.data.length}`,
    );
  }
}

/** Throws unless `value` is a number in [0, 1]. */
export function assertProbability(fn: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new Error(`${fn}: ${name} must be a number in [0, 1], got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number >= 0 (and <= `max` when given). */
export function assertNonNegative(fn: string, name: string, value: unknown, max = Number.POSITIVE_INFINITY): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? '>= 0' : `in [0, ${max}]`;
    throw new Error(`${fn}: ${name} must be a finite number ${range}, got ${String(value)}`);
  }
}

/** Throws unless `value` is a positive integer (and odd when `odd` is set). */
export function assertPositiveInteger(fn: string, name: string, value: unknown, odd = false): asserts value is number {
  if (!isPositiveInteger(value) || (odd && value % 2 === 0)) {
    throw new Error(`${fn}: ${name} must be a${odd ? 'n odd' : ''} positive integer, got ${String(value)}`);
  }
}

/**
 * Throws unless `value` is a pair [min, max] of finite numbers with
 * `lower < min <= max <= upper` (`lower` excluded, `upper` included).
 */
export function assertRange(
  fn: string,
  name: string,
  value: unknown,
  lower: number,
  upper: number,
): asserts value is readonly [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    value[0] > lower &&
    value[0] <= value[1] &&
    value[1] <= upper;
  if (!ok) {
    const bound = upper === Number.POSITIVE_INFINITY ? '' : ` <= ${upper}`;
    const shown = Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
    throw new Error(`${fn}: ${name} must be [min, max] with ${lower} < min <= max${bound}, got ${shown}`);
  }
}
