import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';

function naiveMatMul(a: Float32Array, b: Float32Array, batch: number, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean) {
  const out = new Float64Array(batch * m * n);
  for (let s = 0; s < batch; s++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let t = 0; t < k; t++) {
          const av = transposeA ? a[s * k * m + t * m + i] : a[s * m * k + i * k + t];
          const bv = transposeB ? b[s * n * k + j * k + t] : b[s * k * n + t * n + j];
          sum += av * bv;
        }
        out[(s * m + i) * n + j] = sum;
      }
  return out;
}

describe('BatchMatMul with transposed operands on wasm', () => {
  beforeAll(() => useBackend('wasm'));

  it.each([
    [false, true],
    [true, false],
    [true, true],
    [false, false],
  ])('matches a float64 loop (transposeA=%s, transposeB=%s)', (transposeA, transposeB) => {
    const [batch, m, k, n] = [3, 5, 7, 4];
    const aValues = randomNormalArray(batch * m * k, { seed: 1 });
    const bValues = randomNormalArray(batch * k * n, { seed: 2 });
    const a = tf.tensor3d(aValues, transposeA ? [batch, k, m] : [batch, m, k]);
    const b = tf.tensor3d(bValues, transposeB ? [batch, n, k] : [batch, k, n]);
    const product = tf.matMul(a, b, transposeA, transposeB);
    expect(product.shape).toEqual([batch, m, n]);
    expect(maxRelativeError(product.dataSync(), naiveMatMul(aValues, bValues, batch, m, k, n, transposeA, transposeB))).toBeLessThan(1e-5);
    expect(leakedTensors(() => tf.matMul(a, b, transposeA, transposeB))).toBe(0);
    tf.dispose([a, b, product]);
  });

  it('gives dense-layer gradients equal to the cpu backend', async () => {
    const xValues = randomNormalArray(16 * 12, { seed: 3 });
    const wValues = randomNormalArray(12 * 6, { seed: 4 });
    const gradientsOn = async (name: 'cpu' | 'wasm') => {
      await useBackend(name);
      const x = tf.tensor2d(xValues, [16, 12]);
      const w = tf.tensor2d(wValues, [12, 6]);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D))))([x, w]);
      const values = grads.map((g) => g.dataSync().slice());
      tf.dispose([x, w, ...grads]);
      return values;
    };
    const onCpu = await gradientsOn('cpu');
    const onWasm = await gradientsOn('wasm');
    expect(maxRelativeError(onWasm[0], onCpu[0])).toBeLessThan(1e-4);
    expect(maxRelativeError(onWasm[1], onCpu[1])).toBeLessThan(1e-4);
  });
});

describe('batched products on wasm (one product per matrix)', () => {
  beforeAll(() => useBackend('wasm'));

  it.each([
    [[6], false, false],
    [[2, 3], false, true],
    [[4], true, false],
    [[2, 2], true, true],
  ] as const)('match a float64 loop: batch %j, transposeA=%s, transposeB=%s', (batchShape, transposeA, transposeB) => {
    const [m, k, n] = [5, 3, 4];
    const batch = batchShape.reduce((x, y) => x * y, 1);
    const aValues = randomNormalArray(batch * m * k, { seed: 8 });
    const bValues = randomNormalArray(batch * k * n, { seed: 9 });
    const a = tf.tensor(aValues, [...batchShape, ...(transposeA ? [k, m] : [m, k])]);
    const b = tf.tensor(bValues, [...batchShape, ...(transposeB ? [n, k] : [k, n])]);
    const product = tf.matMul(a, b, transposeA, transposeB);
    expect(product.shape).toEqual([...batchShape, m, n]);
    expect(maxRelativeError(product.dataSync(), naiveMatMul(aValues, bValues, batch, m, k, n, transposeA, transposeB))).toBeLessThan(1e-5);
    expect(leakedTensors(() => tf.matMul(a, b, transposeA, transposeB))).toBe(0);
    tf.dispose([a, b, product]);
  });

  it('still broadcasts a single matrix against a batch', () => {
    const a = tf.randomNormal([1, 3, 2]);
    const b = tf.randomNormal([4, 2, 5]);
    const product = tf.matMul(a, b);
    expect(product.shape).toEqual([4, 3, 5]);
    const expected = tf.concat(tf.unstack(b).map((matrix) => tf.expandDims(tf.matMul(tf.squeeze(a, [0]) as tf.Tensor2D, matrix as tf.Tensor2D), 0)));
    expect(maxRelativeError(product.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([a, b, product, expected]);
  });
});
