import * as tf from '@selfsup/core/tf';
import { train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitBatches, loadDigits, tinyEncoder } from '../../test/fixtures/mnist-subset.js';
import type { LabelledImages } from '../data/mnist.js';
import type { FloatImages } from '../data/select-images.js';
import { autoencoder } from './autoencoder.js';
import { cutHoles, inpainting } from './inpainting.js';
import { rotateQuarterTurns, rotationPrediction } from './rotation.js';
import type { VisionMethod } from './views.js';

describe('pretext tasks on a real MNIST subset (wasm)', () => {
  let digits: LabelledImages;
  beforeAll(async () => {
    await useBackend('wasm');
    digits = await loadDigits();
  });
  const data = () => digitBatches(digits);
  const encoder = () => tinyEncoder();

  it('rotates by quarter turns: four turns are the identity, one turn moves a corner', () => {
    const image: FloatImages = { data: Float32Array.from([1, 2, 3, 4]), batch: 1, height: 2, width: 2, channels: 1 };
    expect(Array.from(rotateQuarterTurns(image, Int32Array.from([1])).data)).toEqual([2, 4, 1, 3]);
    expect(Array.from(rotateQuarterTurns(image, Int32Array.from([2])).data)).toEqual([4, 3, 2, 1]);
    let turned = image;
    for (let i = 0; i < 4; i++) turned = rotateQuarterTurns(turned, Int32Array.from([1]));
    expect(Array.from(turned.data)).toEqual([1, 2, 3, 4]);
    expect(() => rotateQuarterTurns({ ...image, width: 1, data: Float32Array.from([1, 2]) }, Int32Array.from([1]))).toThrow(/must be square/);
  });

  it('cuts one hole of the requested size per image, and marks exactly it in the mask', () => {
    const images: FloatImages = { data: new Float32Array(2 * 6 * 5).fill(1), batch: 2, height: 6, width: 5, channels: 1 };
    const { masked, mask } = cutHoles(images, [3, 2], () => 0.5);
    for (let n = 0; n < 2; n++) {
      const holeSum = mask.data.subarray(n * 30, (n + 1) * 30).reduce((a, b) => a + b, 0);
      expect(holeSum).toBe(6);
    }
    masked.data.forEach((value, i) => {
      expect(value).toBe(1 - mask.data[i]);
    });
    expect(() => cutHoles(images, [7, 2], () => 0)).toThrow(/does not fit 6x5 images/);
  });

  it.each([
    ['rotation prediction', () => rotationPrediction({ encoder: encoder() })],
    ['autoencoder', () => autoencoder({ encoder: encoder(), imageShape: [28, 28, 1], hiddenUnits: 64 })],
    ['denoising autoencoder', () => autoencoder({ encoder: encoder(), imageShape: [28, 28, 1], hiddenUnits: 64, noise: 0.3 })],
    ['inpainting', () => inpainting({ encoder: encoder(), imageShape: [28, 28, 1], hiddenUnits: 64 })],
  ] as [string, () => VisionMethod][])(
    '%s: the loss falls over a few steps',
    async (_, build) => {
      const method = build();
      const result = await train({ method, data: data(), optimizer: tf.train.adam(3e-3), steps: 24, seed: 1 });
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean(result.losses.slice(-4))).toBeLessThan(mean(result.losses.slice(0, 4)));
      method.dispose();
    },
    60_000,
  );
});
