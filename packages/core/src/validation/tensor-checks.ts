import type * as tf from '../tf.js';
import { describeValue } from './describe-value.js';

/**
 * Checks of tensor arguments. Every check throws an Error whose message starts with the
 * function name, then names the argument and says what was expected and what was
 * received, e.g. `ntXent: z2 must be [N, D] matching z1 [8, 16], got [8, 15]`. Checks
 * read only shapes and dtypes, never tensor values, so they never force a device sync.
 */

/**
 * Formats a shape for error messages.
 *
 * @example
 * formatShape([8, 16]); // '[8, 16]'
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * True when both shapes have the same rank and sizes.
 *
 * @example
 * shapesEqual([2, 3], [2, 3]); // true
 */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/**
 * Throws unless `value` looks like a tf.Tensor (has a shape array and a dtype).
 *
 * @example
 * assertTensor('dinoLoss', 'center', center);
 * // dinoLoss: center must be a tf.Tensor, got null
 */
export function assertTensor(fn: string, name: string, value: unknown): asserts value is tf.Tensor {
  const candidate = value as { shape?: unknown; dtype?: unknown } | null;
  if (candidate === null || typeof candidate !== 'object' || !Array.isArray(candidate.shape) || typeof candidate.dtype !== 'string') {
    throw new Error(`${fn}: ${name} must be a tf.Tensor, got ${describeValue(value)}`);
  }
}

/**
 * Throws unless `tensor` has dtype `dtype`.
 *
 * @example
 * assertDtype('maskedCrossEntropy', 'targets', targets, 'int32');
 * // maskedCrossEntropy: targets must have dtype int32, got float32
 */
export function assertDtype(fn: string, name: string, tensor: tf.Tensor, dtype: tf.DataType): void {
  if (tensor.dtype !== dtype) {
    throw new Error(`${fn}: ${name} must have dtype ${dtype}, got ${tensor.dtype}`);
  }
}

/**
 * Throws unless `tensor` has rank `rank`; `pattern` names the dimensions.
 *
 * @example
 * assertRank('ntXent', 'z1', z1, 2, '[N, D]');
 * // ntXent: z1 must be [N, D] (rank 2), got [8]
 */
export function assertRank(fn: string, name: string, tensor: tf.Tensor, rank: number, pattern: string): void {
  if (tensor.rank !== rank) {
    throw new Error(`${fn}: ${name} must be ${pattern} (rank ${rank}), got ${formatShape(tensor.shape)}`);
  }
}

/**
 * Throws unless no dimension of `tensor` is zero (a mean over nothing would be NaN).
 *
 * @example
 * assertNonEmpty('ntXent', 'z1', z1, '[N, D]');
 * // ntXent: z1 must be [N, D] with no empty dimension, got [0, 16]
 */
export function assertNonEmpty(fn: string, name: string, tensor: tf.Tensor, pattern: string): void {
  if (tensor.shape.some((size) => size === 0)) {
    throw new Error(`${fn}: ${name} must be ${pattern} with no empty dimension, got ${formatShape(tensor.shape)}`);
  }
}

/**
 * The common case: a non-empty float32 tensor of a fixed rank.
 *
 * @example
 * assertFloatTensor('byolLoss', 'p', p, 2, '[N, D]');
 */
export function assertFloatTensor(fn: string, name: string, value: unknown, rank: number, pattern: string): asserts value is tf.Tensor {
  assertTensor(fn, name, value);
  assertRank(fn, name, value, rank, pattern);
  assertDtype(fn, name, value, 'float32');
  assertNonEmpty(fn, name, value, pattern);
}

/**
 * Throws unless `tensor` has exactly the shape of `reference`.
 *
 * @example
 * assertSameShape('byolLoss', 'z', z, 'p', p, '[N, D]');
 * // byolLoss: z must be [N, D] matching p [4, 5], got [5, 5]
 */
export function assertSameShape(fn: string, name: string, tensor: tf.Tensor, referenceName: string, reference: tf.Tensor, pattern: string): void {
  if (!shapesEqual(tensor.shape, reference.shape)) {
    throw new Error(`${fn}: ${name} must be ${pattern} matching ${referenceName} ${formatShape(reference.shape)}, got ${formatShape(tensor.shape)}`);
  }
}
