import * as tf from '../tf.js';
import { describe, expect, it } from 'vitest';
import { createRandom, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';

describe('MaxPoolGrad on wasm', () => {
  const random = createRandom(12);
  const cases = Array.from({ length: 10 }, () => ({
    x: [1 + random.integer(3), 4 + random.integer(8), 4 + random.integer(8), 1 + random.integer(5)],
    size: 1 + random.integer(3),
    stride: 1 + random.integer(3),
    pad: random.next() < 0.5 ? ('same' as const) : ('valid' as const),
  }));
  // The 2x2 / stride 2 windows of every CNN (a path of their own), even and odd sizes.
  cases.push({ x: [2, 8, 6, 3], size: 2, stride: 2, pad: 'valid' }, { x: [2, 7, 9, 2], size: 2, stride: 2, pad: 'valid' });

  it.each(cases)('matches the cpu backend: x $x, window $size, stride $stride, $pad', async (c) => {
    const values = randomNormalArray(
      c.x.reduce((a, b) => a * b, 1),
      { seed: 6 },
    );
    // Round to produce ties: both backends must send the gradient to the first maximum.
    const rounded = values.map((v) => Math.round(v * 2) / 2);
    const gradientOn = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const x = tf.tensor4d(rounded, c.x as [number, number, number, number]);
      const pool = (v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, c.size, c.stride, c.pad);
      const y = pool(x);
      const dy = tf.tensor4d(randomNormalArray(y.size, { seed: 7 }), y.shape);
      const g = tf.grad(pool)(x, dy);
      const result = g.dataSync().slice();
      if (backend === 'wasm') expect(leakedTensors(() => tf.grad(pool)(x, dy))).toBe(0);
      tf.dispose([x, y, dy, g]);
      return result;
    };
    const onCpu = await gradientOn('cpu');
    expect(maxRelativeError(await gradientOn('wasm'), onCpu)).toBeLessThan(1e-6);
  });
});
