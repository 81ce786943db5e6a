import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { clipByGlobalNorm } from './clip-by-global-norm.js';

describe.each(TEST_BACKENDS)('clipByGlobalNorm on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('scales every gradient by maxNorm / globalNorm when the norm is too large (3-4-5 by hand)', () => {
    const gradients = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0], [4]]) };
    const { gradients: clipped, globalNorm } = clipByGlobalNorm(gradients, 1);
    expect(globalNorm).toBeCloseTo(5, 6);
    expect(Object.keys(clipped)).toEqual(['a', 'b']);
    expect(clipped.b.shape).toEqual([2, 1]);
    expect(maxRelativeError(clipped.a.dataSync(), [0.6, 0])).toBeLessThan(1e-6);
    expect(maxRelativeError(clipped.b.dataSync(), [0, 0.8])).toBeLessThan(1e-6);
    tf.dispose([gradients, clipped]);
  });

  it('matches a float64 computation on random gradients, as an array', () => {
    const values = [randomNormalArray(12, { seed: 1 }), randomNormalArray(5, { seed: 2 }), randomNormalArray(1, { seed: 3 })];
    const gradients = [tf.tensor2d(values[0], [3, 4]), tf.tensor1d(values[1]), tf.scalar(values[2][0])];
    const expectedNorm = Math.sqrt(values.flatMap((v) => Array.from(v)).reduce((sum, x) => sum + x * x, 0));
    const maxNorm = expectedNorm / 3;
    const { gradients: clipped, globalNorm } = clipByGlobalNorm(gradients, maxNorm);
    expect(Math.abs(globalNorm - expectedNorm) / expectedNorm).toBeLessThan(1e-6);
    clipped.forEach((tensor, i) => {
      expect(tensor.shape).toEqual(gradients[i].shape);
      expect(
        maxRelativeError(
          tensor.dataSync(),
          Array.from(values[i], (x) => (x * maxNorm) / expectedNorm),
        ),
      ).toBeLessThan(1e-5);
    });
    tf.dispose([gradients, clipped]);
  });

  it('returns unchanged copies when the norm is within maxNorm', () => {
    const gradients = [tf.tensor1d([0.3, -0.4])];
    const { gradients: clipped, globalNorm } = clipByGlobalNorm(gradients, 1);
    expect(globalNorm).toBeCloseTo(0.5, 6);
    expect(clipped[0]).not.toBe(gradients[0]);
    expect(Array.from(clipped[0].dataSync())).toEqual(Array.from(gradients[0].dataSync()));
    tf.dispose([gradients, clipped]);
  });

  it('handles an empty set and propagates NaN', () => {
    expect(clipByGlobalNorm({}, 1)).toEqual({ gradients: {}, globalNorm: 0 });
    const gradients = [tf.tensor1d([Number.NaN, 1])];
    const { gradients: clipped, globalNorm } = clipByGlobalNorm(gradients, 1);
    expect(globalNorm).toBeNaN();
    expect(Array.from(clipped[0].dataSync()).every(Number.isNaN)).toBe(true);
    tf.dispose([gradients, clipped]);
  });

  it('leaks no tensors', () => {
    const gradients = { a: tf.randomNormal([4, 3]), b: tf.randomNormal([3]) };
    expect(leakedTensors(() => clipByGlobalNorm(gradients, 0.1).gradients)).toBe(0);
    expect(leakedTensors(() => clipByGlobalNorm(gradients, 100).gradients)).toBe(0);
    tf.dispose(gradients);
  });

  it('rejects a bad maxNorm or a non-tensor gradient, naming the argument', () => {
    const gradients = [tf.ones([2])];
    expect(() => clipByGlobalNorm(gradients, 0)).toThrow(/clipByGlobalNorm: maxNorm must be a finite number > 0, got 0/);
    expect(() => clipByGlobalNorm(gradients, Number.NaN)).toThrow(/clipByGlobalNorm: maxNorm/);
    expect(() => clipByGlobalNorm({ w: null as unknown as tf.Tensor }, 1)).toThrow(
      /clipByGlobalNorm: gradients\['w'\] must be a tf.Tensor, got null/,
    );
    expect(() => clipByGlobalNorm(undefined as unknown as tf.Tensor[], 1)).toThrow(/clipByGlobalNorm: gradients must be/);
    tf.dispose(gradients);
  });
});
