import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';

/** Float64 reduction of `values` (row-major `shape`) over `axes`. */
function reference(values: Float32Array, shape: number[], axes: number[], mean: boolean): Float64Array {
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Float64Array(kept.reduce((a, b) => a * b, 1));
  const strides = kept.map((_, i) => kept.slice(i + 1).reduce((a, b) => a * b, 1));
  const index = new Array(shape.length).fill(0);
  for (let n = 0; n < values.length; n++) {
    let target = 0;
    for (let i = 0; i < shape.length; i++) if (!axes.includes(i)) target += index[i] * strides[i];
    out[target] += values[n];
    for (let i = shape.length - 1; i >= 0; i--) {
      if (++index[i] < shape[i]) break;
      index[i] = 0;
    }
  }
  const count = axes.reduce((a, i) => a * shape[i], 1);
  return mean ? out.map((v) => v / count) : out;
}

describe('Sum and Mean over leading axes on wasm', () => {
  beforeAll(() => useBackend('wasm'));
  const random = createRandom(8);
  const cases = Array.from({ length: 16 }, () => {
    const rank = 2 + random.integer(3);
    const shape = Array.from({ length: rank }, () => 1 + random.integer(7));
    const leading = 1 + random.integer(rank - 1);
    const axes = random.next() < 0.75 ? Array.from({ length: leading }, (_, i) => i) : [rank - 1];
    return { shape, axes, keepDims: random.next() < 0.5, mean: random.next() < 0.5 };
  });

  it.each(cases)('match a float64 loop: shape $shape, axes $axes, keepDims $keepDims, mean $mean', ({ shape, axes, keepDims, mean }) => {
    const values = randomNormalArray(
      shape.reduce((a, b) => a * b, 1),
      { seed: 4 },
    );
    const x = tf.tensor(values, shape);
    const y = mean ? tf.mean(x, axes, keepDims) : tf.sum(x, axes, keepDims);
    const expectedShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
    expect(y.shape).toEqual(expectedShape);
    expect(maxRelativeError(y.dataSync(), reference(values, shape, axes, mean))).toBeLessThan(1e-5);
    expect(leakedTensors(() => (mean ? tf.mean(x, axes, keepDims) : tf.sum(x, axes, keepDims)))).toBe(0);
    tf.dispose([x, y]);
  });

  it('keeps int32 sums exact (built-in kernel) and propagates NaN', () => {
    expect(
      Array.from(
        tf
          .sum(
            tf.tensor2d(
              [
                [1, 2],
                [3, 4],
              ],
              [2, 2],
              'int32',
            ),
            0,
          )
          .dataSync(),
      ),
    ).toEqual([4, 6]);
    expect(
      Array.from(
        tf
          .sum(
            tf.tensor2d([
              [1, Number.NaN],
              [3, 4],
            ]),
            0,
          )
          .dataSync(),
      ),
    ).toEqual([4, Number.NaN]);
  });

  it('gives the bias gradient of a dense layer equal to the cpu backend', async () => {
    const x = randomNormalArray(300 * 7, { seed: 2 });
    const gradientOn = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const input = tf.tensor2d(x, [300, 7]);
      const bias = tf.zeros([7]);
      const g = tf.grad((b: tf.Tensor) => tf.sum(tf.square(tf.add(input, b))))(bias);
      const values = g.dataSync().slice();
      tf.dispose([input, bias, g]);
      return values;
    };
    const onCpu = await gradientOn('cpu');
    expect(maxRelativeError(await gradientOn('wasm'), onCpu)).toBeLessThan(1e-5);
  });
});
