import type * as tf from '@tensorflow/tfjs';

/**
 * Input checks shared by the losses. Every check throws an Error whose message starts
 * with the loss name, then names the argument and says what was expected and what was
 * received, e.g. `ntXent: z2 must be [N, D] matching z1 [8, 16], got [8, 15]`.
 * Checks read only shapes and dtypes, never tensor values, so they never force a
 * device sync.
 */

/** Formats a shape for error messages: `[8, 16]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Throws unless `value` looks like a tf.Tensor (has a shape array and a dtype). */
export function assertTensor(loss: string, name: string, value: unknown): asserts value is tf.Tensor {
  const candidate = value as { shape?: unknown; dtype?: unknown } | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    !Array.isArray(candidate.shape) ||
    typeof candidate.dtype !== 'string'
  ) {
    throw new Error(`${loss}: ${name} must be a tf.Tensor, got ${describeValue(value)}`);
  }
}

/** Throws unless `tensor` has dtype `dtype`. */
export function assertDtype(loss: string, name: string, tensor: tf.Tensor, dtype: tf.DataType): void {
  if (tensor.dtype !== dtype) {
    throw new Error(`${loss}: ${name} must have dtype ${dtype}, got ${tensor.dtype}`);
  }
}

/** Throws unless `tensor` has rank `rank`; `pattern` names the dimensions, e.g. `[N, D]`. */
export function assertRank(loss: string, name: string, tensor: tf.Tensor, rank: number, pattern: string): void {
  if (tensor.rank !== rank) {
    throw new Error(`${loss}: ${name} must be ${pattern} (rank ${rank}), got ${formatShape(tensor.shape)}`);
  }
}

/** Throws unless no dimension of `tensor` is zero (a mean over nothing would be NaN). */
export function assertNonEmpty(loss: string, name: string, tensor: tf.Tensor, pattern: string): void {
  if (tensor.shape.some((size) => size === 0)) {
    throw new Error(`${loss}: ${name} must be ${pattern} with no empty dimension, got ${formatShape(tensor.shape)}`);
  }
}

/**
 * The common case: a non-empty float32 tensor of a fixed rank.
 *
 * @example
 * assertFloatTensor('byolLoss', 'p', p, 2, '[N, D]');
 */
export function assertFloatTensor(
  loss: string,
  name: string,
  value: unknown,
  rank: number,
  pattern: string,
): asserts value is tf.Tensor {
  assertTensor(loss, name, value);
  assertRank(loss, name, value, rank, pattern);
  assertDtype(loss, name, value, 'float32');
  assertNonEmpty(loss, name, value, pattern);
}

/** True when both shapes have the same rank and sizes. */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/** Throws unless `tensor` has exactly the shape of `reference`. */
export function assertSameShape(
  loss: string,
  name: string,
  tensor: tf.Tensor,
  referenceName: string,
  reference: tf.Tensor,
  pattern: string,
): void {
  if (!shapesEqual(tensor.shape, reference.shape)) {
    throw new Error(
      `${loss}: ${name} must be ${pattern} matching ${referenceName} ${formatShape(reference.shape)}, got ${formatShape(tensor.shape)}`,
    );
  }
}

/** Throws unless `value` is a finite number greater than zero. */
export function assertPositive(loss: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${loss}: ${name} must be a finite number > 0, got ${String(value)}`);
  }
}
