import * as tf from '../tf.js';
import { describe, expect, it } from 'vitest';
import {
  assertDtype,
  assertFloatTensor,
  assertNonEmpty,
  assertRank,
  assertSameShape,
  assertTensor,
  formatShape,
  shapesEqual,
} from './tensor-checks.js';

describe('tensor checks', () => {
  it('formats and compares shapes', () => {
    expect(formatShape([8, 16])).toBe('[8, 16]');
    expect(formatShape([])).toBe('[]');
    expect(shapesEqual([2, 3], [2, 3])).toBe(true);
    expect(shapesEqual([2, 3], [2, 3, 1])).toBe(false);
  });

  it('name the function, the argument, what was expected and what was given', () => {
    const x = tf.zeros([2, 3]);
    expect(() => assertTensor('f', 'x', [1, 2])).toThrow('f: x must be a tf.Tensor, got an array');
    expect(() => assertDtype('f', 'x', x, 'int32')).toThrow('f: x must have dtype int32, got float32');
    expect(() => assertRank('f', 'x', x, 3, '[B, T, D]')).toThrow('f: x must be [B, T, D] (rank 3), got [2, 3]');
    expect(() => assertNonEmpty('f', 'x', tf.zeros([0, 3]), '[N, D]')).toThrow('f: x must be [N, D] with no empty dimension, got [0, 3]');
    expect(() => assertSameShape('f', 'y', tf.zeros([2, 4]), 'x', x, '[N, D]')).toThrow('f: y must be [N, D] matching x [2, 3], got [2, 4]');
    expect(() => assertFloatTensor('f', 'x', x, 2, '[N, D]')).not.toThrow();
    expect(() => assertFloatTensor('f', 'x', tf.zeros([2, 3], 'int32'), 2, '[N, D]')).toThrow('f: x must have dtype float32, got int32');
    tf.dispose(x);
  });

  it('read no tensor values and create no tensors', () => {
    const x = tf.zeros([2, 3]);
    const before = tf.memory().numTensors;
    assertFloatTensor('f', 'x', x, 2, '[N, D]');
    assertSameShape('f', 'x', x, 'x', x, '[N, D]');
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
