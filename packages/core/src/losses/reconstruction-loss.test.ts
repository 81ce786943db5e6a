import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createRandom,
  finiteDifferenceGradient,
  leakedTensors,
  maxRelativeError,
  randomNormalArray,
  TEST_BACKENDS,
  useBackend,
} from '../testing/index.js';
import { type ReconstructionKind, reconstructionLoss } from './reconstruction-loss.js';

/**
 * Naive float64 reconstruction loss on [A, B, C] arrays; `mask` is [A, B, C], [A, B, 1]
 * or absent, as said by `maskShape`.
 */
function naiveReconstruction(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  [A, B, C]: number[],
  kind: ReconstructionKind,
  mask?: ArrayLike<number>,
  maskShape: 'full' | 'perRow' = 'full',
): number {
  let numerator = 0;
  let count = 0;
  for (let a = 0; a < A; a++)
    for (let b = 0; b < B; b++)
      for (let c = 0; c < C; c++) {
        const i = (a * B + b) * C + c;
        const d = pred[i] - target[i];
        const error = kind === 'mse' ? d * d : Math.abs(d);
        const weight = mask === undefined ? 1 : maskShape === 'full' ? mask[i] : mask[a * B + b];
        numerator += weight * error;
        count += weight;
      }
  return count === 0 ? 0 : numerator / count;
}

/** A random 0/1 array with at least one 1. */
function randomMask(length: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const mask = Float32Array.from({ length }, () => (random.next() < 0.5 ? 1 : 0));
  mask[0] = 1;
  return mask;
}

describe.each(TEST_BACKENDS)('reconstructionLoss on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const shape = [2, 3, 4];
  const size = 24;

  it.each(['mse', 'l1'] as const)('matches a float64 loop without a mask, with a full mask and with a per-row mask (%s)', (kind) => {
    const p = randomNormalArray(size, { seed: 1 });
    const t = randomNormalArray(size, { seed: 2 });
    const pred = tf.tensor3d(p, [2, 3, 4]);
    const target = tf.tensor3d(t, [2, 3, 4]);
    const check = (actual: tf.Scalar, expected: number) => expect(maxRelativeError([actual.dataSync()[0]], [expected])).toBeLessThan(1e-4);
    check(reconstructionLoss(pred, target, { kind }), naiveReconstruction(p, t, shape, kind));
    const full = randomMask(size, 3);
    check(reconstructionLoss(pred, target, { kind, mask: tf.tensor3d(full, [2, 3, 4]) }), naiveReconstruction(p, t, shape, kind, full));
    const perRow = randomMask(6, 4);
    const expectedPerRow = naiveReconstruction(p, t, shape, kind, perRow, 'perRow');
    check(reconstructionLoss(pred, target, { kind, mask: tf.tensor3d(perRow, [2, 3, 1]) }), expectedPerRow);
    check(reconstructionLoss(pred, target, { kind, mask: tf.greater(tf.tensor3d(perRow, [2, 3, 1]), 0.5) }), expectedPerRow);
  });

  it('gives c² (mse) and |c| (l1) for a constant offset c, 0 for a perfect reconstruction and for an all-zero mask', () => {
    const target = tf.randomNormal(shape);
    const pred = tf.add(target, -1.5);
    expect(reconstructionLoss(pred, target).dataSync()[0]).toBeCloseTo(2.25, 5);
    expect(reconstructionLoss(pred, target, { kind: 'l1' }).dataSync()[0]).toBeCloseTo(1.5, 5);
    expect(reconstructionLoss(target, target).dataSync()[0]).toBe(0);
    const none = tf.zeros([2, 3, 1]);
    expect(reconstructionLoss(pred, target, { mask: none }).dataSync()[0]).toBe(0);
    const grads = tf.grads((a: tf.Tensor, m: tf.Tensor) => reconstructionLoss(a, target, { mask: m }))([pred, none]);
    for (const grad of grads) expect(Array.from(grad.dataSync()).every((g) => g === 0)).toBe(true);
  });

  it.each(['mse', 'l1'] as const)('has gradients matching finite differences for pred, target and mask (%s)', (kind) => {
    const p = randomNormalArray(size, { seed: 5 });
    const t = randomNormalArray(size, { seed: 6 });
    const m = randomMask(6, 7);
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => reconstructionLoss(a, b, { kind, mask: c }))([
      tf.tensor3d(p, [2, 3, 4]),
      tf.tensor3d(t, [2, 3, 4]),
      tf.tensor3d(m, [2, 3, 1]),
    ]);
    const expected = finiteDifferenceGradient(
      (x) => naiveReconstruction(x.subarray(0, size), x.subarray(size, 2 * size), shape, kind, x.subarray(2 * size), 'perRow'),
      Float64Array.from([...p, ...t, ...m]),
    );
    expect(maxRelativeError(grads[0].dataSync(), expected.subarray(0, size))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[1].dataSync(), expected.subarray(size, 2 * size))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[2].dataSync(), expected.subarray(2 * size))).toBeLessThan(1e-3);
  });

  it('propagates NaN, with or without a mask', () => {
    const p = randomNormalArray(size, { seed: 8 });
    p[10] = Number.NaN;
    const pred = tf.tensor3d(p, [2, 3, 4]);
    const target = tf.randomNormal(shape);
    expect(Number.isNaN(reconstructionLoss(pred, target).dataSync()[0])).toBe(true);
    expect(Number.isNaN(reconstructionLoss(pred, target, { kind: 'l1', mask: tf.ones([2, 3, 1]) }).dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const x = tf.zeros(shape);
    expect(() => reconstructionLoss(x, tf.zeros([2, 3, 5]))).toThrow(
      'reconstructionLoss: target must have the shape of pred [2, 3, 4], got [2, 3, 5]',
    );
    expect(() => reconstructionLoss(tf.zeros(shape, 'int32'), x)).toThrow(/^reconstructionLoss: pred must have dtype float32/);
    expect(() => reconstructionLoss(x, tf.zeros(shape, 'int32'))).toThrow(/^reconstructionLoss: target must have dtype float32/);
    expect(() => reconstructionLoss(x, x, { mask: tf.ones([3, 4, 1]) })).toThrow(
      /^reconstructionLoss: options\.mask must have the shape of pred \[2, 3, 4\] or one broadcastable to it, got \[3, 4, 1\]/,
    );
    expect(() => reconstructionLoss(x, x, { mask: tf.ones([1, 2, 3, 4]) })).toThrow(/^reconstructionLoss: options\.mask/);
    expect(() => reconstructionLoss(x, x, { mask: tf.ones(shape, 'int32') })).toThrow(
      /^reconstructionLoss: options\.mask must have dtype float32 or bool/,
    );
    expect(() => reconstructionLoss(x, x, { kind: 'l2' as ReconstructionKind })).toThrow(/^reconstructionLoss: kind must be 'mse' or 'l1', got l2/);
    expect(() => reconstructionLoss(tf.zeros([0, 3]), tf.zeros([0, 3]))).toThrow(/^reconstructionLoss: pred .*no empty dimension/);
  });

  it('leaks no tensors, forward or backward', () => {
    const pred = tf.randomNormal(shape);
    const target = tf.randomNormal(shape);
    const mask = tf.cast(tf.tensor3d([1, 0, 1, 1, 0, 0], [2, 3, 1]), 'bool');
    expect(leakedTensors(() => reconstructionLoss(pred, target, { mask }))).toBe(0);
    expect(leakedTensors(() => reconstructionLoss(pred, target, { kind: 'l1' }))).toBe(0);
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => reconstructionLoss(a, b, { mask }));
    expect(leakedTensors(() => gradients([pred, target]))).toBe(0);
    tf.dispose([pred, target, mask]);
  });
});
