import * as tf from '../tf.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRandom, leakedTensors, randomNormalArray, useBackend } from '../testing/index.js';

describe('Slice on wasm (copies only the slice)', () => {
  beforeAll(() => useBackend('wasm'));
  const random = createRandom(5);
  const cases = Array.from({ length: 30 }, () => {
    const rank = 1 + random.integer(5);
    const shape = Array.from({ length: rank }, () => 1 + random.integer(5));
    const begin = shape.map((d) => random.integer(d));
    const size = shape.map((d, i) => (random.next() < 0.2 ? -1 : 1 + random.integer(d - begin[i])));
    return { shape, begin, size };
  });

  it.each(cases)('matches an index-by-index copy: shape $shape, begin $begin, size $size', ({ shape, begin, size }) => {
    const values = randomNormalArray(
      shape.reduce((a, b) => a * b, 1),
      { seed: 3 },
    );
    const x = tf.tensor(values, shape);
    const y = tf.slice(x, begin, size);
    const extent = size.map((s, i) => (s === -1 ? shape[i] - begin[i] : s));
    expect(y.shape).toEqual(extent);
    const expected: number[] = [];
    const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
    const visit = (axis: number, offset: number) => {
      if (axis === shape.length) return void expected.push(values[offset]);
      for (let i = 0; i < extent[axis]; i++) visit(axis + 1, offset + (begin[axis] + i) * strides[axis]);
    };
    visit(0, 0);
    expect(Array.from(y.dataSync())).toEqual(expected);
    expect(leakedTensors(() => tf.slice(x, begin, size))).toBe(0);
    tf.dispose([x, y]);
  });

  it('slices int32 and bool tensors, and keeps strings working', () => {
    const ints = tf.tensor2d(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [2, 3],
      'int32',
    );
    expect(Array.from(tf.slice(ints, [0, 1], [2, 2]).dataSync())).toEqual([2, 3, 5, 6]);
    const flags = tf.tensor1d([true, false, true], 'bool');
    expect(Array.from(tf.slice(flags, [1], [2]).dataSync())).toEqual([0, 1]);
    const words = tf.tensor1d(['a', 'b', 'c'], 'string');
    expect(tf.slice(words, [1], [2]).arraySync()).toEqual(['b', 'c']);
    tf.dispose([ints, flags, words]);
  });

  it('copies only the slice: the source is never read out of the heap', () => {
    const big = tf.reshape(tf.range(0, 54_000 * 128), [54_000, 128]);
    // The built-in kernel reads the WHOLE input out of the heap (readSync) on every call.
    const reads = vi.spyOn(tf.backend(), 'readSync');
    const part = tf.slice(big, [1000, 0], [2, 128]);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(Array.from(part.dataSync().slice(0, 3))).toEqual([128_000, 128_001, 128_002]);
    tf.dispose([big, part]);
  });
});
