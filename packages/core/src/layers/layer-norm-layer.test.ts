import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxRelativeError, randomNormalArray, saveAndLoad, useBackend } from '../testing/index.js';
import { LayerNorm } from './layer-norm-layer.js';

describe.each(TEST_BACKENDS)('LayerNorm layer on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches tf.layers.layerNormalization in value and gradients, and leaks nothing', () => {
    const x = tf.tensor3d(randomNormalArray(2 * 5 * 6, { seed: 1 }), [2, 5, 6]);
    const ours = new LayerNorm({ epsilon: 1e-5 });
    const theirs = tf.layers.layerNormalization({ epsilon: 1e-5 });
    ours.apply(x);
    theirs.apply(x);
    const gamma = tf.tensor1d(randomNormalArray(6, { seed: 2 }));
    const beta = tf.tensor1d(randomNormalArray(6, { seed: 3 }));
    ours.setWeights([gamma, beta]);
    theirs.setWeights([gamma, beta]);
    const weights = tf.tensor3d(randomNormalArray(60, { seed: 4 }), [2, 5, 6]);
    const gradients = (layer: tf.layers.Layer) =>
      tf.variableGrads(
        () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, weights)) as tf.Scalar,
        layer.trainableWeights.map((w) => w.read() as tf.Variable),
      );
    const a = gradients(ours);
    const b = gradients(theirs);
    expect(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0])).toBeLessThan(1e-4);
    const aGrads = Object.values(a.grads);
    const bGrads = Object.values(b.grads);
    aGrads.forEach((g, i) => {
      expect(maxRelativeError(g.dataSync(), bGrads[i].dataSync())).toBeLessThan(1e-4);
    });
    expect(leakedTensors(() => tf.grad((v: tf.Tensor) => tf.sum(ours.apply(v) as tf.Tensor))(x))).toBe(0);
    tf.dispose([x, gamma, beta, weights, a.value, b.value, ...aGrads, ...bGrads]);
  });

  it('saves and loads in the layers format', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3 }), new LayerNorm()] });
    const loaded = await saveAndLoad(model);
    const x = tf.randomNormal([2, 4]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
