import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, useBackend } from '../testing/index.js';
import { MemoryBank } from './memory-bank.js';

describe.each(TEST_BACKENDS)('MemoryBank on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('starts with unit-norm random keys', () => {
    const bank = new MemoryBank({ size: 8, dimension: 4, seed: 1 });
    const norms = tf.norm(bank.keys, 2, 1).dataSync();
    for (const n of norms) expect(n).toBeCloseTo(1, 5);
    bank.dispose();
  });

  it('is a FIFO that wraps around, storing normalised keys', () => {
    const bank = new MemoryBank({ size: 5, dimension: 2, seed: 1 });
    const initial = bank.keys.arraySync();
    const rows = (values: number[][]) => tf.tensor2d(values);
    const first = rows([
      [3, 4],
      [0, 2],
      [5, 0],
    ]);
    bank.enqueue(first);
    expect(bank.pointer).toBe(3);
    let stored = bank.keys.arraySync();
    expect(maxAbsoluteError(stored.flat(), [[0.6, 0.8], [0, 1], [1, 0], initial[3], initial[4]].flat())).toBeLessThan(1e-6);
    const second = rows([
      [0, -1],
      [-1, 0],
      [0, 3],
    ]); // 2 rows at the end, 1 wraps to the start
    bank.enqueue(second);
    expect(bank.pointer).toBe(1);
    stored = bank.keys.arraySync();
    expect(
      maxAbsoluteError(
        stored.flat(),
        [
          [0, 1],
          [0, 1],
          [1, 0],
          [0, -1],
          [-1, 0],
        ].flat(),
      ),
    ).toBeLessThan(1e-6);
    expect(leakedTensors(() => bank.enqueue(first))).toBe(0);
    tf.dispose([first, second]);
    bank.dispose();
  });

  it('round-trips its state exactly', () => {
    const bank = new MemoryBank({ size: 6, dimension: 3, seed: 2 });
    const keys = tf.randomNormal([4, 3]) as tf.Tensor2D;
    bank.enqueue(keys);
    const state = bank.getState();
    const restored = new MemoryBank({ size: 6, dimension: 3, seed: 99 });
    restored.setState(state);
    expect(restored.pointer).toBe(4);
    expect(Array.from(restored.keys.dataSync())).toEqual(Array.from(bank.keys.dataSync()));
    expect(() => restored.setState({ tensors: {} })).toThrow("MemoryBank.setState: the saved state has no tensor 'keys'");
    expect(() => restored.setState({ tensors: state.tensors, json: { pointer: 6 } })).toThrow(
      'the saved pointer must be an integer in [0, 6), got 6',
    );
    tf.dispose([keys, ...Object.values(state.tensors!)]);
    bank.dispose();
    restored.dispose();
  });

  it('rejects wrong shapes and bad options with clear errors', () => {
    const bank = new MemoryBank({ size: 4, dimension: 3 });
    expect(() => bank.enqueue(tf.zeros([2, 5]) as tf.Tensor2D)).toThrow(/MemoryBank.enqueue: keys must be \[B, 3\], got \[2,5\]/);
    expect(() => bank.enqueue(tf.zeros([5, 3]) as tf.Tensor2D)).toThrow(/5 keys do not fit in a bank of 4/);
    expect(() => new MemoryBank({ size: 0, dimension: 3 })).toThrow(/size must be a positive integer/);
    bank.dispose();
  });
});
