import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { BatchNorm, batchNorm } from './batch-norm.js';

/** Naive float64 batch norm of M rows × C channels with batch statistics (biased variance). */
function batchNorm64(x: ArrayLike<number>, gamma: ArrayLike<number>, beta: ArrayLike<number>, channels: number, epsilon = 1e-5) {
  const rows = x.length / channels;
  const out = new Float64Array(x.length);
  const means = new Float64Array(channels);
  const variances = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += x[r * channels + c] / rows;
    let variance = 0;
    for (let r = 0; r < rows; r++) variance += (x[r * channels + c] - mean) ** 2 / rows;
    for (let r = 0; r < rows; r++) {
      out[r * channels + c] = ((x[r * channels + c] - mean) / Math.sqrt(variance + epsilon)) * gamma[c] + beta[c];
    }
    means[c] = mean;
    variances[c] = variance;
  }
  return { out, means, variances };
}

describe.each(TEST_BACKENDS)('BatchNorm on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([[[6, 3]], [[2, 3, 2, 4]]])('gradients of x, gamma, beta match finite differences (x %j)', (shape) => {
    const channels = shape[shape.length - 1];
    const size = shape.reduce((a, b) => a * b, 1);
    const xValues = randomNormalArray(size, { seed: 1, scale: 2 });
    const gammaValues = randomNormalArray(channels, { seed: 2 });
    const betaValues = randomNormalArray(channels, { seed: 3 });
    const weights = randomNormalArray(size, { seed: 4 });
    const layer = batchNorm();
    const x = tf.tensor(xValues, shape);
    layer.apply(x, { training: true });
    layer.setWeights([tf.tensor1d(gammaValues), tf.tensor1d(betaValues), tf.zeros([channels]), tf.ones([channels])]);
    const w = tf.tensor(weights, shape);
    const loss = () => tf.sum(tf.mul(layer.apply(x, { training: true }) as tf.Tensor, w)) as tf.Scalar;
    const { grads } = tf.variableGrads(loss);
    const [gammaName, betaName] = layer.trainableWeights.map((v) => v.name);
    const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v, { training: true }) as tf.Tensor, w)))(x);

    const all = Float64Array.from([...xValues, ...gammaValues, ...betaValues]);
    const reference = (v: Float64Array) => {
      const { out } = batchNorm64(v.subarray(0, size), v.subarray(size, size + channels), v.subarray(size + channels), channels);
      return out.reduce((s, value, i) => s + value * weights[i], 0);
    };
    const expected = finiteDifferenceGradient(reference, all);
    expect(maxRelativeError(dx.dataSync(), expected.subarray(0, size))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[gammaName].dataSync(), expected.subarray(size, size + channels))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[betaName].dataSync(), expected.subarray(size + channels))).toBeLessThan(1e-3);
    tf.dispose([x, w, dx, ...Object.values(grads)]);
    layer.dispose();
  });

  it('training matches tf.layers.batchNormalization and float64; moving stats follow PyTorch', () => {
    const values = randomNormalArray(5 * 4, { seed: 5, scale: 3 });
    const x = tf.tensor2d(values, [5, 4]);
    const ours = batchNorm({ momentum: 0.1, epsilon: 1e-5 });
    const theirs = tf.layers.batchNormalization({ epsilon: 1e-5 });
    const y = ours.apply(x, { training: true }) as tf.Tensor;
    const yTheirs = theirs.apply(x, { training: true }) as tf.Tensor;
    const { out, means, variances } = batchNorm64(values, [1, 1, 1, 1], [0, 0, 0, 0], 4);
    expect(maxRelativeError(y.dataSync(), yTheirs.dataSync())).toBeLessThan(1e-5);
    expect(maxRelativeError(y.dataSync(), out)).toBeLessThan(1e-5);
    const [, , movingMean, movingVariance] = ours.getWeights();
    expect(
      maxRelativeError(
        movingMean.dataSync(),
        Array.from(means, (m) => 0.1 * m),
      ),
    ).toBeLessThan(1e-5);
    const unbiased = Array.from(variances, (v) => 0.9 + 0.1 * ((v * 5) / 4));
    expect(maxRelativeError(movingVariance.dataSync(), unbiased)).toBeLessThan(1e-5);
    // Inference uses the moving statistics.
    const inference = ours.apply(x) as tf.Tensor;
    const mm = movingMean.dataSync();
    const mv = movingVariance.dataSync();
    const expected = Array.from(values, (v, i) => (v - mm[i % 4]) / Math.sqrt(mv[i % 4] + 1e-5));
    expect(maxRelativeError(inference.dataSync(), expected)).toBeLessThan(1e-5);
    tf.dispose([x, y, yTheirs, inference]);
    ours.dispose();
    theirs.dispose();
  });

  it('the gradient uses no Tile and leaks no tensors', async () => {
    const layer = new BatchNorm({ center: false });
    const x = tf.randomNormal([4, 3, 3, 2]);
    layer.apply(x, { training: true });
    const gradient = () => tf.variableGrads(() => tf.sum(tf.square(layer.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar);
    const profile = await tf.profile(() => {
      const { value, grads } = gradient();
      tf.dispose([value, ...Object.values(grads)]);
    });
    expect(profile.kernelNames).not.toContain('Tile');
    expect(layer.trainableWeights.map((v) => v.originalName)).toEqual([`${layer.name}/gamma`]);
    expect(
      leakedTensors(() => {
        const { value, grads } = gradient();
        return [value, ...Object.values(grads)];
      }),
    ).toBe(0);
    expect(leakedTensors(() => layer.apply(x) as tf.Tensor)).toBe(0);
    x.dispose();
    layer.dispose();
  });

  it('model.fit trains it in training mode: the loss falls and the moving mean moves', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3 }), batchNorm(), tf.layers.dense({ units: 1 })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const x = tf.tensor2d(randomNormalArray(16 * 4, { seed: 6 }), [16, 4]);
    const y = tf.sum(x, 1, true);
    const history = await model.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[4]).toBeLessThan(losses[0]);
    const movingMean = model.layers[1].getWeights()[2];
    expect(Math.max(...Array.from(movingMean.dataSync(), Math.abs))).toBeGreaterThan(0);
    tf.dispose([x, y]);
  });

  it('rejects bad input and options, naming the layer', () => {
    expect(() => batchNorm().apply(tf.ones([4]))).toThrow(/SelfsupBatchNorm: input must have rank >= 2/);
    expect(() => batchNorm({ momentum: 1.5 })).toThrow(/SelfsupBatchNorm: momentum must be in \[0, 1\]/);
    expect(() => batchNorm({ epsilon: 0 })).toThrow(/SelfsupBatchNorm: epsilon/);
    expect(() => batchNorm().apply(tf.ones([1, 3]), { training: true })).toThrow(/more than one value per channel/);
    const layer = batchNorm();
    layer.apply(tf.ones([2, 3]));
    expect(() => layer.apply(tf.ones([2, 4]))).toThrow(/SelfsupBatchNorm: input has 4 channels, the layer was built for 3/);
  });
});
