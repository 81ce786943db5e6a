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
import { maskedCrossEntropy } from './masked-cross-entropy.js';

/** Naive float64 masked cross-entropy over flat [M, C] logits and [M] labels. */
function naiveMaskedCrossEntropy(logits: ArrayLike<number>, labels: ArrayLike<number>, C: number, ignoreIndex: number): number {
  let total = 0;
  let count = 0;
  for (let n = 0; n < labels.length; n++) {
    if (labels[n] === ignoreIndex) continue;
    let m = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) m = Math.max(m, logits[n * C + c]);
    let s = 0;
    for (let c = 0; c < C; c++) s += Math.exp(logits[n * C + c] - m);
    total += m + Math.log(s) - logits[n * C + labels[n]];
    count++;
  }
  return count === 0 ? 0 : total / count;
}

/** Random labels in [0, C), with about a third replaced by `ignoreIndex` (and at least one kept). */
function randomLabels(length: number, C: number, ignoreIndex: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const labels = Int32Array.from({ length }, () => (random.next() < 0.35 ? ignoreIndex : random.integer(C)));
  labels[0] = 1;
  return labels;
}

describe.each(TEST_BACKENDS)('maskedCrossEntropy on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const C = 5;

  it.each([-100, 2])('matches a float64 loop on [2, 6, C] logits (ignoreIndex %s)', (ignoreIndex) => {
    const logits = randomNormalArray(2 * 6 * C, { seed: 1, scale: 2 });
    const labels = randomLabels(12, C, ignoreIndex, 2);
    const loss = maskedCrossEntropy(tf.tensor3d(logits, [2, 6, C]), tf.tensor2d(labels, [2, 6], 'int32'), {
      ignoreIndex,
    });
    expect(maxRelativeError([loss.dataSync()[0]], [naiveMaskedCrossEntropy(logits, labels, C, ignoreIndex)])).toBeLessThan(1e-4);
  });

  it('gives log(C) for uniform logits, 0 (not NaN) with zero gradient when every position is ignored', () => {
    const labels = tf.tensor2d(
      [
        [0, 4, -100],
        [3, -100, 1],
      ],
      [2, 3],
      'int32',
    );
    expect(maskedCrossEntropy(tf.fill([2, 3, C], 0.7), labels).dataSync()[0]).toBeCloseTo(Math.log(C), 5);
    const logits = tf.randomNormal([2, 3, C]);
    const ignored = tf.fill([2, 3], -100, 'int32');
    expect(maskedCrossEntropy(logits, ignored).dataSync()[0]).toBe(0);
    const grad = tf.grad((x: tf.Tensor) => maskedCrossEntropy(x, ignored))(logits);
    expect(Array.from(grad.dataSync()).every((g) => g === 0)).toBe(true);
  });

  it('accepts logits [C] with a scalar label and ignores NaN logits at ignored positions', () => {
    const logits = tf.tensor1d([0, 0, Math.log(3)]);
    expect(maskedCrossEntropy(logits, tf.scalar(2, 'int32')).dataSync()[0]).toBeCloseTo(Math.log(5 / 3), 5);
    const withNaN = tf.tensor2d([
      [Number.NaN, 0, 0],
      [0, 0, 0],
    ]);
    const labels = tf.tensor1d([-100, 1], 'int32');
    expect(maskedCrossEntropy(withNaN, labels).dataSync()[0]).toBeCloseTo(Math.log(3), 5);
  });

  it('has gradients matching finite differences', () => {
    const logits = randomNormalArray(4 * C, { seed: 3 });
    const labels = Int32Array.from([2, -100, 0, 4]);
    const grad = tf.grad((x: tf.Tensor) => maskedCrossEntropy(x, tf.tensor1d(labels, 'int32')))(tf.tensor2d(logits, [4, C]));
    const expected = finiteDifferenceGradient((x) => naiveMaskedCrossEntropy(x, labels, C, -100), logits);
    expect(maxRelativeError(grad.dataSync(), expected)).toBeLessThan(1e-3);
  });

  it('propagates NaN from a counted position and turns an out-of-range label into NaN', () => {
    const logits = randomNormalArray(4 * C, { seed: 4 });
    logits[2 * C + 1] = Number.NaN;
    const labels = tf.tensor1d([2, -100, 0, 4], 'int32');
    expect(Number.isNaN(maskedCrossEntropy(tf.tensor2d(logits, [4, C]), labels).dataSync()[0])).toBe(true);
    const good = tf.randomNormal([4, C]);
    for (const bad of [C, -1]) {
      const loss = maskedCrossEntropy(good, tf.tensor1d([2, bad, 0, 4], 'int32'));
      expect(Number.isNaN(loss.dataSync()[0])).toBe(true);
    }
  });

  it('rejects bad input, naming the argument', () => {
    const logits = tf.zeros([2, 3, C]);
    const labels = tf.zeros([2, 3], 'int32');
    expect(() => maskedCrossEntropy(tf.scalar(1), tf.scalar(0, 'int32'))).toThrow(/^maskedCrossEntropy: logits must be \[\.\.\., C\]/);
    expect(() => maskedCrossEntropy(tf.zeros([2, 3, C], 'int32'), labels)).toThrow(/^maskedCrossEntropy: logits must have dtype float32/);
    expect(() => maskedCrossEntropy(logits, tf.zeros([2, 4], 'int32'))).toThrow(
      'maskedCrossEntropy: labels must be [...] matching logits [2, 3, 5] without its last dimension, i.e. [2, 3], got [2, 4]',
    );
    expect(() => maskedCrossEntropy(logits, tf.zeros([2, 3]))).toThrow(/^maskedCrossEntropy: labels must have dtype int32, got float32/);
    expect(() => maskedCrossEntropy(logits, labels, { ignoreIndex: 0.5 })).toThrow(/^maskedCrossEntropy: ignoreIndex must be an integer/);
    expect(() => maskedCrossEntropy(tf.zeros([0, C]), tf.zeros([0], 'int32'))).toThrow(/^maskedCrossEntropy: logits .*no empty dimension/);
  });

  it('leaks no tensors, forward or backward', () => {
    const logits = tf.randomNormal([2, 3, C]);
    const labels = tf.tensor2d(
      [
        [0, -100, 4],
        [1, 1, -100],
      ],
      [2, 3],
      'int32',
    );
    expect(leakedTensors(() => maskedCrossEntropy(logits, labels))).toBe(0);
    const gradient = tf.grad((x: tf.Tensor) => maskedCrossEntropy(x, labels));
    expect(leakedTensors(() => gradient(logits))).toBe(0);
    tf.dispose([logits, labels]);
  });
});
