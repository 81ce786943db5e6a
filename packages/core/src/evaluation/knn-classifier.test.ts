import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, leakedTensors, TEST_BACKENDS, useBackend } from '../testing/index.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { KNN_LIGHTLY, KNN_SOLO_LEARN, knnClassify, knnEvaluate } from './knn-classifier.js';

/**
 * `perClass` points around each of `classes` random centers (well separated when spread
 * is small); the centers depend on `centerSeed` only, the noise on `seed`.
 */
function blobs(classes: number, perClass: number, dimension: number, spread: number, seed: number, centerSeed = 0) {
  const centerRandom = createRandom(centerSeed);
  const centers = Array.from({ length: classes }, () => Array.from({ length: dimension }, () => centerRandom.normal()));
  const random = createRandom(seed + 1000);
  const values = new Float32Array(classes * perClass * dimension);
  const labels = new Int32Array(classes * perClass);
  for (let i = 0; i < classes * perClass; i++) {
    const label = i % classes;
    labels[i] = label;
    for (let d = 0; d < dimension; d++) values[i * dimension + d] = centers[label][d] + spread * random.normal();
  }
  return { features: { values, count: labels.length, dimension } as FeatureMatrix, labels };
}

const degrees = (angle: number) => [Math.cos((angle * Math.PI) / 180), Math.sin((angle * Math.PI) / 180)];

describe.each(TEST_BACKENDS)('weighted kNN on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('classifies well-separated blobs perfectly with both presets', () => {
    const train = blobs(4, 30, 8, 0.1, 1);
    const test = blobs(4, 10, 8, 0.1, 2);
    for (const preset of [KNN_LIGHTLY, KNN_SOLO_LEARN]) {
      const result = knnEvaluate({
        trainFeatures: train.features,
        trainLabels: train.labels,
        testFeatures: test.features,
        testLabels: test.labels,
        ...preset,
      });
      expect(result.accuracy).toBe(1);
      expect(result.correct).toBe(40);
      expect(result.total).toBe(40);
      expect(Array.from(result.predictions)).toEqual(Array.from(test.labels));
    }
  });

  it('weights neighbours by exp(cos / t): a hand-computed case', () => {
    // Query at 0°. Class 1 has one neighbour at 10° (cos 0.9848); class 0 has two at ±40°
    // (cos 0.7660 each); class 2 sits opposite and is not among the 3 nearest.
    // t = 0.1: class 1 gets e^9.848 = 18,946, class 0 gets 2 e^7.660 = 4,243 -> class 1.
    // t = 1:   class 1 gets e^0.985 = 2.677, class 0 gets 2 e^0.766 = 4.302 -> class 0.
    const trainFeatures = tf.tensor2d([degrees(10), degrees(40), degrees(-40), degrees(180)]);
    const testFeatures = tf.tensor2d([degrees(0).map((v) => 3 * v)]); // scale does not matter
    const trainLabels = [1, 0, 0, 2];
    const common = { trainFeatures, trainLabels, testFeatures, k: 3 };
    expect(Array.from(knnClassify({ ...common, temperature: 0.1 }))).toEqual([1]);
    expect(Array.from(knnClassify({ ...common, temperature: 1 }))).toEqual([0]);
    expect(Array.from(knnClassify({ ...common, k: 1, temperature: 1 }))).toEqual([1]);
    // k beyond N is capped at N: the far class-2 point adds e^(-1/t), which changes nothing.
    expect(Array.from(knnClassify({ ...common, k: 200, temperature: 1 }))).toEqual([0]);
    tf.dispose([trainFeatures, testFeatures]);
  });

  it('gives the same predictions for any chunk size, and leaks nothing', () => {
    const train = blobs(5, 40, 6, 1.5, 3);
    const test = blobs(5, 13, 6, 1.5, 4);
    const trainTensor = tf.tensor2d(train.features.values, [train.features.count, 6]);
    const options = {
      trainFeatures: trainTensor,
      trainLabels: train.labels,
      testFeatures: test.features,
      ...KNN_SOLO_LEARN,
    };
    const whole = knnClassify({ ...options, chunkSize: 1000 });
    for (const chunkSize of [1, 7, 64]) expect(Array.from(knnClassify({ ...options, chunkSize }))).toEqual(Array.from(whole));
    expect(leakedTensors(() => void knnClassify({ ...options, chunkSize: 7 }))).toBe(0);
    expect(trainTensor.isDisposed).toBe(false);
    trainTensor.dispose();
  });

  it('matches a float64 reference of the weighted vote', () => {
    const train = blobs(3, 20, 5, 2, 5);
    const test = blobs(3, 7, 5, 2, 6);
    const k = 9;
    const temperature = 0.2;
    const norm = (v: Float32Array, i: number) => {
      const row = Array.from(v.subarray(i * 5, i * 5 + 5));
      const length = Math.hypot(...row);
      return row.map((x) => x / length);
    };
    const expected = Array.from({ length: test.features.count }, (_, q) => {
      const query = norm(test.features.values, q);
      const similarities = Array.from({ length: train.features.count }, (_, j) => {
        const key = norm(train.features.values, j);
        return { similarity: query.reduce((s, x, d) => s + x * key[d], 0), label: train.labels[j] };
      }).sort((a, b) => b.similarity - a.similarity);
      const votes = [0, 0, 0];
      for (const { similarity, label } of similarities.slice(0, k)) votes[label] += Math.exp(similarity / temperature);
      return votes.indexOf(Math.max(...votes));
    });
    const predictions = knnClassify({
      trainFeatures: train.features,
      trainLabels: train.labels,
      testFeatures: test.features,
      k,
      temperature,
    });
    expect(Array.from(predictions)).toEqual(expected);
  });

  it('rejects bad shapes, labels and parameters with clear errors', () => {
    const train = blobs(2, 4, 3, 0.1, 7);
    const base = { trainFeatures: train.features, trainLabels: train.labels, testFeatures: train.features };
    const narrow = { values: new Float32Array(4), count: 2, dimension: 2 };
    expect(() => knnClassify({ ...base, testFeatures: narrow })).toThrow(
      'knnClassify: testFeatures must be [M, 3] (the D of trainFeatures), got [2, 2]',
    );
    expect(() => knnClassify({ ...base, trainLabels: [0, 1] })).toThrow('knnClassify: trainLabels must have one label per feature row (8), got 2');
    expect(() => knnClassify({ ...base, trainLabels: [0, 1, 0, 1, 0, 1, 0, -1] })).toThrow('knnClassify: trainLabels[7] must be');
    expect(() => knnClassify({ ...base, numClasses: 1 })).toThrow('knnClassify: trainLabels[1] must be an integer in [0, 1), got 1');
    expect(() => knnClassify({ ...base, k: 0 })).toThrow('knnClassify: k must be an integer >= 1, got 0');
    expect(() => knnClassify({ ...base, temperature: -1 })).toThrow('knnClassify: temperature must be a finite number > 0');
    expect(() => knnEvaluate({ ...base, testLabels: [1] })).toThrow('knnEvaluate: testLabels must have one label per feature row (8), got 1');
  });
});
