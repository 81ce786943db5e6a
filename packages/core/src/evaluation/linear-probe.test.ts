import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, TEST_BACKENDS, useBackend } from '../testing/index.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { LINEAR_PROBE_DEFAULTS, linearProbe } from './linear-probe.js';

/** Gaussian blobs; `offset` and `scale` apply to every coordinate (for the standardisation test). */
function blobs(classes: number, perClass: number, dimension: number, spread: number, seed: number, offset = 0, scale = 1) {
  const centerRandom = createRandom(0);
  const centers = Array.from({ length: classes }, () => Array.from({ length: dimension }, () => centerRandom.normal()));
  const random = createRandom(seed);
  const values = new Float32Array(classes * perClass * dimension);
  const labels = new Int32Array(classes * perClass);
  for (let i = 0; i < labels.length; i++) {
    labels[i] = i % classes;
    for (let d = 0; d < dimension; d++) values[i * dimension + d] = offset + scale * (centers[labels[i]][d] + spread * random.normal());
  }
  return { features: { values, count: labels.length, dimension } as FeatureMatrix, labels };
}

const FAST = { epochs: 10, batchSize: 32 };

describe.each(TEST_BACKENDS)('linearProbe on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('reaches accuracy 1 on well-separated blobs and reports its choice', async () => {
    const train = blobs(3, 40, 6, 0.2, 1);
    const test = blobs(3, 10, 6, 0.2, 2);
    const before = tf.memory().numTensors;
    const result = await linearProbe({
      trainFeatures: train.features,
      trainLabels: train.labels,
      testFeatures: test.features,
      testLabels: test.labels,
      ...FAST,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.accuracy).toBe(1);
    expect(result.trainAccuracy).toBe(1);
    expect(Array.from(result.predictions)).toEqual(Array.from(test.labels));
    expect(result.validationResults.map((r) => r.weightDecay)).toEqual([...LINEAR_PROBE_DEFAULTS.weightDecays]);
    // All decays reach 1 here, so the tie goes to the largest.
    expect(result.validationAccuracy).toBe(1);
    expect(result.weightDecay).toBe(1e-2);
  });

  it('is deterministic under a seed and invariant to an affine change of the features', async () => {
    const train = blobs(4, 30, 5, 1.2, 3);
    const test = blobs(4, 15, 5, 1.2, 4);
    const shiftedTrain = blobs(4, 30, 5, 1.2, 3, 50, 1000);
    const shiftedTest = blobs(4, 15, 5, 1.2, 4, 50, 1000);
    const options = { weightDecays: [0, 1e-3], seed: 7, ...FAST };
    const first = await linearProbe({
      trainFeatures: train.features,
      trainLabels: train.labels,
      testFeatures: test.features,
      testLabels: test.labels,
      ...options,
    });
    const second = await linearProbe({
      trainFeatures: train.features,
      trainLabels: train.labels,
      testFeatures: test.features,
      testLabels: test.labels,
      ...options,
    });
    expect(second).toEqual(first);
    // Standardisation with the training statistics removes the offset 50 and scale 1000.
    const shifted = await linearProbe({
      trainFeatures: shiftedTrain.features,
      trainLabels: shiftedTrain.labels,
      testFeatures: shiftedTest.features,
      testLabels: shiftedTest.labels,
      ...options,
    });
    expect(Math.abs(shifted.accuracy - first.accuracy)).toBeLessThanOrEqual(1 / 60);
    expect(first.accuracy).toBeGreaterThan(0.7);
    const best = Math.max(...first.validationResults.map((r) => r.accuracy));
    expect(first.validationAccuracy).toBe(best);
  });

  it('accepts tensors and rejects bad arguments', async () => {
    const train = blobs(2, 10, 3, 0.1, 5);
    const trainTensor = tf.tensor2d(train.features.values, [20, 3]);
    const base = {
      trainFeatures: trainTensor,
      trainLabels: train.labels,
      testFeatures: train.features,
      testLabels: train.labels,
      ...FAST,
    };
    expect((await linearProbe({ ...base, weightDecays: [0] })).accuracy).toBe(1);
    await expect(linearProbe({ ...base, testFeatures: { values: new Float32Array(4), count: 2, dimension: 2 } })).rejects.toThrow(
      'linearProbe: testFeatures must be [M, 3] (the D of trainFeatures), got [2, 2]',
    );
    await expect(linearProbe({ ...base, testLabels: [0, 1] })).rejects.toThrow(
      'linearProbe: testLabels must have one label per feature row (20), got 2',
    );
    await expect(linearProbe({ ...base, numClasses: 1 })).rejects.toThrow('linearProbe: trainLabels[1] must be an integer in [0, 1), got 1');
    await expect(linearProbe({ ...base, weightDecays: [] })).rejects.toThrow('linearProbe: weightDecays must be a non-empty array');
    await expect(linearProbe({ ...base, validationFraction: 1 })).rejects.toThrow('linearProbe: validationFraction must be in (0, 1)');
    await expect(linearProbe({ ...base, validationFraction: 0.01 })).rejects.toThrow('leave at least one row on each side');
    trainTensor.dispose();
  });
});
