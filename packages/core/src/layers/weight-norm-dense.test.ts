import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { WeightNormDense } from './weight-norm-dense.js';

/** Float64 x·W with W[:, j] = g_j·v[:, j]/‖v[:, j]‖, x [N, I], v [I, J]. */
function weightNormDense64(x: ArrayLike<number>, v: ArrayLike<number>, g: ArrayLike<number>, n: number, inputs: number, units: number): Float64Array {
  const out = new Float64Array(n * units);
  for (let j = 0; j < units; j++) {
    let norm = 0;
    for (let i = 0; i < inputs; i++) norm += v[i * units + j] ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let i = 0; i < inputs; i++) s += x[r * inputs + i] * v[i * units + j];
      out[r * units + j] = (g[j] * s) / norm;
    }
  }
  return out;
}

describe.each(TEST_BACKENDS)('WeightNormDense on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const [n, inputs, units] = [3, 4, 2];
  const xValues = randomNormalArray(n * inputs, { seed: 1 });
  const vValues = randomNormalArray(inputs * units, { seed: 2 });
  const gValues = Float32Array.from([0.5, -2]);

  it('values and gradients of v and g match float64 finite differences', () => {
    const layer = new WeightNormDense({ units });
    const x = tf.tensor2d(xValues, [n, inputs]);
    layer.apply(x);
    layer.setWeights([tf.tensor2d(vValues, [inputs, units]), tf.tensor1d(gValues)]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([n, units]);
    expect(maxRelativeError(y.dataSync(), weightNormDense64(xValues, vValues, gValues, n, inputs, units))).toBeLessThan(1e-5);
    const weights = randomNormalArray(n * units, { seed: 3 });
    const w = tf.tensor2d(weights, [n, units]);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, w)) as tf.Scalar);
    const [vName, gName] = layer.trainableWeights.map((p) => p.name);
    const reference = (p: Float64Array) =>
      weightNormDense64(xValues, p.subarray(0, inputs * units), p.subarray(inputs * units), n, inputs, units).reduce(
        (s, o, i) => s + o * weights[i],
        0,
      );
    const expected = finiteDifferenceGradient(reference, [...vValues, ...gValues]);
    expect(maxRelativeError(grads[vName].dataSync(), expected.subarray(0, inputs * units))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[gName].dataSync(), expected.subarray(inputs * units))).toBeLessThan(1e-3);
    expect(
      leakedTensors(() => {
        const result = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar);
        return [result.value, ...Object.values(result.grads)];
      }),
    ).toBe(0);
    tf.dispose([x, y, w, value, ...Object.values(grads)]);
  });

  it('freezeGain keeps g at 1 and out of the trainable weights; rank-3 inputs work', () => {
    const layer = new WeightNormDense({ units: 5, freezeGain: true });
    const y = layer.apply(tf.ones([2, 3, 4])) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 5]);
    expect(layer.trainableWeights.map((p) => p.originalName)).toEqual([`${layer.name}/direction`]);
    expect(Array.from(layer.nonTrainableWeights[0].read().dataSync())).toEqual([1, 1, 1, 1, 1]);
  });

  it('rejects bad options and inputs, naming the layer', () => {
    expect(() => new WeightNormDense({ units: 0 })).toThrow(/SelfsupWeightNormDense: units must be a positive integer/);
    expect(() => new WeightNormDense({ units: 2 }).apply(tf.ones([3]))).toThrow(/SelfsupWeightNormDense: input must be \[batch, ..., features\]/);
  });
});
