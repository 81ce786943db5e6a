import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { fitLogisticRegression, permutation, predictLogisticRegression } from './logistic-regression.js';

/** Three classes split by the signs of two coordinates (linearly separable with a margin). */
function separable(count: number, seed: number) {
  const random = createRandom(seed);
  const values = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 3;
    const angle = (2 * Math.PI * label) / 3 + (random.next() - 0.5);
    const radius = 1 + random.next();
    values[2 * i] = radius * Math.cos(angle);
    values[2 * i + 1] = radius * Math.sin(angle);
    labels[i] = label;
  }
  return { features: { values, count, dimension: 2 }, labels };
}

describe.each(TEST_BACKENDS)('fitLogisticRegression on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('separates separable classes, deterministically, without leaking', () => {
    const { features, labels } = separable(90, 1);
    const before = tf.memory().numTensors;
    const options = { features, labels, numClasses: 3, epochs: 40, batchSize: 32, learningRate: 0.05, seed: 3 };
    const model = fitLogisticRegression(options);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(Array.from(predictLogisticRegression(model, features))).toEqual(Array.from(labels));
    const again = fitLogisticRegression(options);
    expect(Array.from(again.weights.dataSync())).toEqual(Array.from(model.weights.dataSync()));
    tf.dispose([model.weights, model.bias, again.weights, again.bias]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shrinks the weights as the weight decay grows', () => {
    const { features, labels } = separable(60, 2);
    const norms = [0, 1e-2, 1].map((weightDecay) => {
      const model = fitLogisticRegression({ features, labels, numClasses: 3, epochs: 30, batchSize: 20, weightDecay });
      const norm = Math.hypot(...model.weights.dataSync());
      tf.dispose([model.weights, model.bias]);
      return norm;
    });
    expect(norms[1]).toBeLessThan(norms[0]);
    expect(norms[2]).toBeLessThan(norms[1]);
  });

  it('rejects bad arguments', () => {
    const { features, labels } = separable(6, 3);
    expect(() => fitLogisticRegression({ features, labels: labels.subarray(1), numClasses: 3 })).toThrow(
      'fitLogisticRegression: labels must be an Int32Array of length 6',
    );
    expect(() => fitLogisticRegression({ features, labels, numClasses: 3, weightDecay: -1 })).toThrow(
      'fitLogisticRegression: weightDecay must be a finite number >= 0, got -1',
    );
    expect(() => fitLogisticRegression({ features, labels, numClasses: 3, learningRate: 0 })).toThrow(
      'fitLogisticRegression: learningRate must be a finite number > 0, got 0',
    );
  });
});

describe('permutation', () => {
  it('is a seeded permutation', () => {
    const order = permutation(50, createRandom(9));
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(permutation(50, createRandom(9)))).toEqual(Array.from(order));
    expect(Array.from(permutation(50, createRandom(10)))).not.toEqual(Array.from(order));
  });
});
