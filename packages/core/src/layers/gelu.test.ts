import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, finiteDifferenceGradient, leakedTensors, maxRelativeError, useBackend } from '../testing/index.js';
import { Gelu, gelu } from './gelu.js';

/**
 * erf in float64: the Maclaurin series for |x| <= 2 and the continued fraction of erfc
 * beyond (where the series would lose digits to cancellation); ~1e-14 everywhere.
 */
function erf64(x: number): number {
  const a = Math.abs(x);
  if (a <= 2) {
    let term = x;
    let total = x;
    for (let n = 1; n < 60; n++) {
      term *= (-x * x) / n;
      total += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * total;
  }
  let fraction = a;
  for (let k = 120; k >= 1; k--) fraction = a + k / 2 / fraction;
  return Math.sign(x) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / fraction);
}
const exact64 = (x: number) => 0.5 * x * (1 + erf64(x / Math.SQRT2));
const tanh64 = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

const POINTS = [-6, -3.5, -2, -1.3, -0.7, -0.1, 0, 0.05, 0.5, 1, 1.7, 2.5, 4, 7];

describe.each(TEST_BACKENDS)('gelu on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([
    ['none', exact64],
    ['tanh', tanh64],
  ] as const)('%s: values and gradient match float64 references', (approximate, reference) => {
    const x = tf.tensor1d(POINTS);
    const weights = POINTS.map((_, i) => Math.cos(i));
    const w = tf.tensor1d(weights);
    const y = gelu(x, { approximate });
    expect(maxRelativeError(y.dataSync(), POINTS.map(reference))).toBeLessThan(1e-5);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gelu(v, { approximate }), w)))(x);
    const expected = finiteDifferenceGradient((v) => v.reduce((s, value, i) => s + weights[i] * reference(value), 0), POINTS);
    expect(maxRelativeError(g.dataSync(), expected)).toBeLessThan(1e-3);
    expect(leakedTensors(() => tf.grad((v: tf.Tensor) => tf.sum(gelu(v, { approximate })))(x))).toBe(0);
    tf.dispose([x, w, y, g]);
  });

  it('the exact form is the default and matches PyTorch values', () => {
    const y = gelu(tf.tensor1d([-1, 0, 1]));
    expect(maxRelativeError(y.dataSync(), [-0.15865525, 0, 0.84134475])).toBeLessThan(1e-6);
    y.dispose();
  });

  it('propagates NaN and rejects bad options', () => {
    const y = gelu(tf.tensor1d([Number.NaN, 1]));
    expect(Number.isNaN(y.dataSync()[0])).toBe(true);
    expect(() => gelu(tf.tensor1d([1]), { approximate: 'erf' as 'none' })).toThrow(/gelu: approximate/);
    expect(() => gelu(tf.tensor1d([1], 'int32'))).toThrow(/gelu: x must be float32/);
    expect(() => new Gelu({ approximate: 'fast' as 'tanh' })).toThrow(/SelfsupGelu: approximate/);
    y.dispose();
  });

  it('the layer applies the op, keeps the shape, and round-trips its config', () => {
    const layer = new Gelu({ approximate: 'tanh' });
    const x = tf.randomNormal([2, 3, 4]);
    const y = layer.apply(x) as tf.Tensor;
    const direct = gelu(x, { approximate: 'tanh' });
    expect(y.shape).toEqual([2, 3, 4]);
    expect(maxRelativeError(y.dataSync(), direct.dataSync())).toBe(0);
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 3, 4]);
    expect(new Gelu(layer.getConfig() as { approximate: 'tanh' }).approximate).toBe('tanh');
    expect(leakedTensors(() => layer.apply(x) as tf.Tensor)).toBe(0);
    tf.dispose([x, y, direct]);
  });
});
