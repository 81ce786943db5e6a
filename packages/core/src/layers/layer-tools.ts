// Internal helpers of the layers (types, option checks, input splitting); not exported from the package.
import * as tf from '../tf.js';
import { assertPositiveInteger } from '../validation/index.js';

/** Constructor arguments every tf.layers Layer accepts (`name`, `trainable`, `inputShape`, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Keyword arguments of `Layer.call`; selfsup layers read `training`. */
export type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** A shape as tf.layers passes it, unknown dimensions as null: `[null, 16, 64]`. */
export type Shape = (number | null)[];

/** A weight initializer (`tf.initializers.zeros()`, `glorotUniform({})`, ...). */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

/**
 * Creates one weight of the layer being built; composite layers hand it to the helpers
 * that own a group of weights (attention projections, feed-forward, layer norm).
 */
export type AddWeight = (name: string, shape: number[], initializer: Initializer, trainable?: boolean) => tf.LayerVariable;

/** True when the layer is called in training mode (`layer.apply(x, {training: true})`, `model.fit`). */
export function isTraining(kwargs: Kwargs | undefined): boolean {
  return kwargs?.training === true;
}

/** The inputs of a layer call as a list, whether one tensor or several were passed. */
export function inputList<T>(inputs: T | T[]): T[] {
  return Array.isArray(inputs) ? inputs : [inputs];
}

/** The input shapes of a layer as a list: `computeOutputShape` gets one shape or a list of shapes. */
export function shapeList(inputShape: Shape | Shape[]): Shape[] {
  return Array.isArray(inputShape[0]) ? (inputShape as Shape[]) : [inputShape as Shape];
}

/** Throws `${className}: ${message}` unless `condition` holds. */
export function check(condition: boolean, className: string, message: () => string): asserts condition {
  if (!condition) throw new Error(`${className}: ${message()}`);
}

/** Checks that an option is a positive integer (`validation/`'s check) and returns it. */
export function positiveInteger(value: unknown, className: string, option: string): number {
  assertPositiveInteger(className, option, value);
  return value;
}

/** Checks that a rate option lies in [0, 1) and returns it. */
export function rate(value: unknown, className: string, option: string): number {
  check(typeof value === 'number' && value >= 0 && value < 1, className, () => `${option} must be in [0, 1), got ${String(value)}`);
  return value;
}

/** Checks a (possibly symbolic) input shape against an expected rank and last dimension. */
export function checkShape(shape: Shape, rank: number, lastDimension: number | null, className: string, what: string): void {
  check(shape.length === rank, className, () => `${what} must have rank ${rank}, got shape [${shape.map(String)}]`);
  const last = shape[shape.length - 1];
  check(
    lastDimension === null || last === null || last === lastDimension,
    className,
    () => `${what} must have last dimension ${lastDimension}, got shape [${shape.map(String)}]`,
  );
}

/** What the forward of a `fusedOp` returns: its value and the gradient of each input. */
export interface FusedForward {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * Runs `forward` on `inputs` as one op with a hand-written gradient (`tf.customGrad` with
 * the inputs as a typed list). `save` keeps tensors for the backward pass.
 */
export function fusedOp(forward: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => FusedForward, ...inputs: tf.Tensor[]): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    forward(args.slice(0, -1) as tf.Tensor[], args[args.length - 1] as tf.GradSaveFunc),
  );
  return op(...inputs);
}

/**
 * Splits the inputs of a sequence layer by rank: rank-3 items ([B, T, D]) are sequences,
 * a last rank-2 item ([B, T_key]) is a padding mask. Works on tensors and on shapes.
 */
export function splitSequencesAndMask<T>(
  items: T[],
  rankOf: (item: T) => number,
  className: string,
  sequenceCounts: number[],
): { sequences: T[]; mask: T | null } {
  const hasMask = items.length > 1 && rankOf(items[items.length - 1]) === 2;
  const sequences = hasMask ? items.slice(0, -1) : items;
  const ranks = items.map(rankOf);
  check(
    sequenceCounts.includes(sequences.length) && sequences.every((item) => rankOf(item) === 3),
    className,
    () =>
      `expected inputs of ${sequenceCounts.join(' or ')} sequence(s) [B, T, D] optionally followed by a padding mask [B, T_key], got ${items.length} input(s) of rank ${ranks.join(', ')}`,
  );
  return { sequences, mask: hasMask ? items[items.length - 1] : null };
}

/** Whether two dimensions can be equal: both known and equal, or either unknown (null). */
export function sameDimension(a: number | null | undefined, b: number | null | undefined): boolean {
  return a === null || b === null || a === b;
}
