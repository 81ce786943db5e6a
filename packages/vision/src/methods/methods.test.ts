import * as tf from '@selfsup/core/tf';
import { train } from '@selfsup/core';
import { saveAndLoad, useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitBatches, loadDigits, testMultiCrop, testView, tinyEncoder } from '../../test/fixtures/mnist-subset.js';
import type { LabelledImages } from '../data/mnist.js';
import { selectImages } from '../data/select-images.js';
import { byol } from './byol.js';
import { dino } from './dino.js';
import { moco } from './moco.js';
import { simclr } from './simclr.js';
import { simsiam } from './simsiam.js';
import type { VisionMethod } from './views.js';

describe('vision methods on a real MNIST subset (wasm)', () => {
  let digits: LabelledImages;
  beforeAll(async () => {
    await useBackend('wasm');
    digits = await loadDigits();
  });
  const data = () => digitBatches(digits);
  const encoder = () => tinyEncoder();

  const builders: [string, () => VisionMethod][] = [
    ['SimCLR', () => simclr({ encoder: encoder(), augment: testView, hiddenUnits: 64, outputUnits: 32 })],
    // MoCo's queue starts as random unit vectors (easy negatives): with a queue of one batch it holds
    // real keys from the second step on, so the comparison below starts from there.
    ['MoCo v2', () => moco({ encoder: encoder(), augment: testView, queueSize: 32, momentum: 0.9, hiddenUnits: 64, outputUnits: 32 })],
    ['BYOL', () => byol({ encoder: encoder(), augment: [testView, testView], totalSteps: 24, hiddenUnits: 64, outputUnits: 32 })],
    ['SimSiam', () => simsiam({ encoder: encoder(), augment: testView, outputUnits: 64, predictorHiddenUnits: 16 })],
  ];

  it.each(builders)(
    '%s: the loss falls over a few steps, nothing leaks, and the encoder saves and loads',
    async (_, build) => {
      const method = build();
      const optimizer = tf.train.adam(3e-3);
      const before = tf.memory().numTensors;
      const result = await train({ method, data: data(), optimizer, steps: 24, seed: 1 });
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean(result.losses.slice(-4))).toBeLessThan(mean(result.losses.slice(2, 6)));
      expect(result.losses.every(Number.isFinite)).toBe(true);
      // Only the optimizer's new slots remain (two per variable for Adam, plus counters).
      expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2 * method.trainableVariables().length + 4);

      const loaded = await saveAndLoad(method.encoder);
      const x = tf.tensor4d(selectImages(digits, [0, 1]).data, [2, 28, 28, 1]);
      expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((method.encoder.predict(x) as tf.Tensor).dataSync()));
      method.dispose();
      optimizer.dispose();
    },
    60_000,
  );

  // DINO's loss is H(teacher) + KL(teacher || student); the teacher's entropy moves with the
  // centre and the temperature warm-up, so the loss is not monotone over a few steps (nor over
  // DINO's first epochs). Its tests check the mechanics and monitors instead.
  it('DINO: moves its centre, warms the teacher temperature up, reports the teacher entropy, and saves its encoder', async () => {
    const method = dino({
      encoder: tinyEncoder([null, null, 1]),
      augment: testMultiCrop,
      totalSteps: 10,
      teacherTemperatureWarmupSteps: 4,
      head: { outputUnits: 32, hiddenUnits: 32, bottleneckUnits: 8 },
    });
    const center = () => {
      const { tensors } = method.state!().center.getState();
      const values = Array.from(tensors!.value.dataSync());
      tf.dispose(Object.values(tensors!));
      return values;
    };
    expect(center().every((v) => v === 0)).toBe(true);
    const temperatures: number[] = [];
    const entropies: number[] = [];
    const before = tf.memory().numTensors;
    const result = await train({
      method,
      data: data(),
      optimizer: tf.train.adam(1e-3),
      steps: 6,
      callbacks: [
        {
          onStep: (report) => {
            temperatures.push(report.metrics.teacherTemperature);
            entropies.push(report.metrics.teacherEntropy);
          },
        },
      ],
    });
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(center().some((v) => v !== 0)).toBe(true);
    expect(temperatures.map((t) => Number(t.toFixed(4)))).toEqual([0.04, 0.0475, 0.055, 0.0625, 0.07, 0.07]);
    // Entropy of a softmax over 32 prototypes: between 0 (one-hot) and log 32 (uniform).
    for (const entropy of entropies) expect(entropy).toBeGreaterThanOrEqual(0);
    for (const entropy of entropies) expect(entropy).toBeLessThanOrEqual(Math.log(32) + 1e-4);
    // The loss is the teacher entropy plus a KL divergence, so never below it.
    result.losses.forEach((loss, i) => {
      expect(loss).toBeGreaterThanOrEqual(entropies[i] - 1e-4);
    });
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2 * method.trainableVariables().length + 4);
    const loaded = await saveAndLoad(method.encoder);
    const probe = tf.randomNormal([2, 20, 20, 1]); // any size: the encoder takes DINO's crops
    expect(Array.from((loaded.predict(probe) as tf.Tensor).dataSync())).toEqual(Array.from((method.encoder.predict(probe) as tf.Tensor).dataSync()));
    method.dispose();
  }, 60_000);

  it('MoCo fills its queue with key-encoder keys and moves the key encoder in onStepEnd only', async () => {
    const method = moco({ encoder: encoder(), augment: testView, queueSize: 64, momentum: 0.5, hiddenUnits: 64, outputUnits: 32 });
    const { key, queue } = method.state!();
    const key0 = key.getState().tensors!;
    await train({ method, data: data(), optimizer: tf.train.adam(1e-2), steps: 3, seed: 2 });
    const key1 = key.getState().tensors!;
    const queue1 = queue.getState();
    expect((queue1.json as { pointer: number }).pointer).toBe((3 * 32) % 64);
    expect(Array.from(key1.weight_0.dataSync())).not.toEqual(Array.from(key0.weight_0.dataSync()));
    for (const row of queue1.tensors!.keys.arraySync() as number[][]) expect(Math.hypot(...row)).toBeCloseTo(1, 4);
    tf.dispose([...Object.values(key0), ...Object.values(key1), ...Object.values(queue1.tensors!)]);
    method.dispose();
  }, 60_000);
});
