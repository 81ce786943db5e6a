import * as tf from '@tensorflow/tfjs';
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

  it('starts as an exact, frozen copy of the online model', async () => {
    const online = smallModel();
    const teacher = await MomentumEncoder.create(online);
    expect(teacher.model.trainableWeights).toHaveLength(0);
    const x = tf.randomNormal([5, 3]);
    const a = online.predict(x) as tf.Tensor;
    const b = teacher.model.predict(x) as tf.Tensor;
    expect(maxAbsoluteError(a.dataSync(), b.dataSync())).toBe(0);
    tf.dispose([x, a, b]);
    teacher.dispose();
    online.dispose();
  });

  it('moves each trainable weight by target = m·target + (1−m)·online, and nothing else', async () => {
    const online = smallModel();
    const teacher = await MomentumEncoder.create(online);
    const before = teacher.getWeights().map((w) => w.dataSync().slice());
    // Train the online model "by hand": shift every weight by +1.
    tf.tidy(() => {
      for (const w of online.weights) w.write(tf.add(w.read(), 1));
    });
    teacher.update(0.9);
    const after = teacher.getWeights();
    online.layers.flatMap((l) => l.weights).forEach((w, i) => {
      const expected = before[i].map((t, k) =>
        w.trainable ? 0.9 * t + 0.1 * (w.read().dataSync()[k]) : t,
      );
      expect(maxAbsoluteError(after[i].dataSync(), expected)).toBeLessThan(1e-6);
    });
    tf.dispose(after);
    expect(leakedTensors(() => teacher.update(0.99))).toBe(0);
    const saved = teacher.getWeights();
    expect(leakedTensors(() => teacher.setWeights(saved))).toBe(0);
    tf.dispose(saved);
    // Named copies for checkpoints round-trip, and a missing entry is named.
    const named = teacher.getNamedWeights('teacher');
    expect(Object.keys(named)).toEqual(teacher.model.weights.map((_, i) => `teacher_${i}`));
    const restored = teacher.getWeights().map((w) => Array.from(w.dataSync()));
    teacher.update(0);
    teacher.setNamedWeights(named, 'teacher');
    expect(teacher.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(restored);
    expect(() => teacher.setNamedWeights({}, 'teacher')).toThrow(/'teacher_0' is missing/);
    tf.dispose(Object.values(named));
    expect(() => teacher.update(1.5)).toThrow(/momentum must be in \[0, 1\]/);
    teacher.dispose();
    online.dispose();
  });

  it('gets no gradient: the online variables are the only trainable ones', async () => {
    const online = smallModel();
    const teacher = await MomentumEncoder.create(online);
    const x = tf.randomNormal([4, 3]);
    const { grads, value } = tf.variableGrads(() =>
      tf.sum(tf.add(online.apply(x) as tf.Tensor, teacher.model.apply(x) as tf.Tensor)) as tf.Scalar,
    );
    const trainableNames = new Set(online.trainableWeights.map((w) => (w.read() as tf.Variable).name));
    expect(Object.keys(grads).every((name) => trainableNames.has(name))).toBe(true);
    tf.dispose([x, value, ...Object.values(grads)]);
    teacher.dispose();
    online.dispose();
  });
});
