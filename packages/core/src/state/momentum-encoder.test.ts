import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxAbsoluteError, useBackend } from '../testing/index.js';
import { MomentumEncoder } from './momentum-encoder.js';

function smallModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [3], units: 4, kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) }),
      tf.layers.batchNormalization(),
      tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.randomNormal({ seed: 2 }) }),
    ],
  });
}

describe.each(TEST_BACKENDS)('MomentumEncoder on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('starts as an exact, frozen copy of the online model', () => {
    const online = smallModel();
    const teacher = new MomentumEncoder(online);
    expect(teacher.model.trainableWeights).toHaveLength(0);
    const x = tf.randomNormal([5, 3]);
    const a = online.predict(x) as tf.Tensor;
    const b = teacher.model.predict(x) as tf.Tensor;
    expect(maxAbsoluteError(a.dataSync(), b.dataSync())).toBe(0);
    tf.dispose([x, a, b]);
    teacher.dispose();
    online.dispose();
  });

  it('moves each trainable weight by target = m·target + (1−m)·online, and nothing else', () => {
    const online = smallModel();
    const teacher = new MomentumEncoder(online);
    const weightsOf = () => Object.values(teacher.getState().tensors!);
    const before = weightsOf().map((w) => w.dataSync().slice());
    // Train the online model "by hand": shift every weight by +1.
    tf.tidy(() => {
      for (const w of online.weights) w.write(tf.add(w.read(), 1));
    });
    teacher.update(0.9);
    const after = weightsOf();
    online.layers
      .flatMap((l) => l.weights)
      .forEach((w, i) => {
        const expected = before[i].map((t, k) => (w.trainable ? 0.9 * t + 0.1 * w.read().dataSync()[k] : t));
        expect(maxAbsoluteError(after[i].dataSync(), expected)).toBeLessThan(1e-6);
      });
    tf.dispose(after);
    expect(leakedTensors(() => teacher.update(0.99))).toBe(0);
    // The state round-trips (no leaks), and a missing or misshapen entry is named.
    const saved = teacher.getState();
    expect(Object.keys(saved.tensors!)).toEqual(teacher.model.weights.map((_, i) => `weight_${i}`));
    const restored = Object.values(saved.tensors!).map((w) => Array.from(w.dataSync()));
    teacher.update(0);
    expect(leakedTensors(() => teacher.setState(saved))).toBe(0);
    const reread = weightsOf();
    expect(reread.map((w) => Array.from(w.dataSync()))).toEqual(restored);
    expect(() => teacher.setState({ tensors: {} })).toThrow("MomentumEncoder.setState: the saved state has no tensor 'weight_0'");
    const wrong = tf.zeros([7]);
    expect(() => teacher.setState({ tensors: { ...saved.tensors, weight_0: wrong } })).toThrow(/weight_0 is \[7\]/);
    tf.dispose([wrong, ...reread, ...Object.values(saved.tensors!)]);
    expect(teacher.averagedVariables()).toHaveLength(online.trainableWeights.length);
    expect(() => teacher.update(1.5)).toThrow(/momentum must be in \[0, 1\]/);
    teacher.dispose();
    online.dispose();
  });

  it('gets no gradient: the online variables are the only trainable ones', () => {
    const online = smallModel();
    const teacher = new MomentumEncoder(online);
    const x = tf.randomNormal([4, 3]);
    const { grads, value } = tf.variableGrads(() => tf.sum(tf.add(online.apply(x) as tf.Tensor, teacher.model.apply(x) as tf.Tensor)) as tf.Scalar);
    const trainableNames = new Set(online.trainableWeights.map((w) => (w.read() as tf.Variable).name));
    expect(Object.keys(grads).every((name) => trainableNames.has(name))).toBe(true);
    tf.dispose([x, value, ...Object.values(grads)]);
    teacher.dispose();
    online.dispose();
  });
});
