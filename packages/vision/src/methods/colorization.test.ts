import * as tf from '@selfsup/core/tf';
import { batchLoader, createRandom, methodLoss, train, type StepReport } from '@selfsup/core';
import { saveAndLoad, useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyEncoder } from '../../test/fixtures/mnist-subset.js';
import { type EmojiImages, loadEmoji } from '../data/emoji.js';
import { type FloatImages, selectImages } from '../data/select-images.js';
import { COLORIZATION_AB_SCALE, colorization, splitLightnessAndColor } from './colorization.js';
import type { ImagesBatch } from './views.js';

const rgb = (height: number, width: number, ...pixel: number[]): FloatImages => ({
  data: Float32Array.from({ length: height * width * 3 }, (_, i) => pixel[i % 3]),
  batch: 1,
  height,
  width,
  channels: 3,
});

describe('colorization on a real emoji subset (wasm)', () => {
  let emoji: EmojiImages;
  beforeAll(async () => {
    await useBackend('wasm');
    emoji = await loadEmoji({ limit: 128 }); // 32x32, spread over the 9 categories
  });

  it('splits images into L / 100 at full size and pooled ab / 110', () => {
    const white = splitLightnessAndColor(rgb(4, 4, 1, 1, 1), 2);
    expect(white.lightness).toMatchObject({ batch: 1, height: 4, width: 4, channels: 1 });
    expect(white.color).toMatchObject({ batch: 1, height: 2, width: 2, channels: 2 });
    for (const v of white.lightness.data) expect(v).toBeCloseTo(1, 5);
    for (const v of white.color.data) expect(v).toBeCloseTo(0, 5);
    // Left half red, right half white: each 2x2 block of the ab grid averages half red.
    const half = rgb(2, 4, 1, 1, 1);
    for (const p of [0, 4]) half.data.set([1, 0, 0], p * 3);
    for (const p of [1, 5]) half.data.set([1, 0, 0], p * 3);
    const { lightness, color } = splitLightnessAndColor(half, 2);
    expect(lightness.data[0]).toBeCloseTo(0.5324, 3);
    expect(color.data[0]).toBeCloseTo(80.0925 / COLORIZATION_AB_SCALE, 4);
    expect(color.data[1]).toBeCloseTo(67.2032 / COLORIZATION_AB_SCALE, 4);
    expect(color.data[2]).toBeCloseTo(0, 4);
    expect(color.data[3]).toBeCloseTo(0, 4);
    expect(() => splitLightnessAndColor(half, 3)).toThrow(/factor must be a positive integer dividing 2 and 4, got 3/);
  });

  it('refuses 1-channel images (MNIST): there is no colour to predict', () => {
    const mnistLike = () => colorization({ encoder: tinyEncoder([28, 28, 1]), imageShape: [28, 28, 1] });
    expect(mnistLike).toThrow(/colorization: imageShape has 1 channel, but colorization needs RGB images.*no colour to predict/);
    expect(() => colorization({ encoder: tinyEncoder([32, 32, 3]), imageShape: [32, 32, 3] })).toThrow(
      /colorization: encoder must take 1-channel images \[B, H, W, 1\].*convNet\(\{ inputShape: \[32, 32, 1\] \}\)/,
    );
    expect(() => colorization({ encoder: tinyEncoder([32, 32, 1]), imageShape: [32, 32, 3], outputSize: 5 })).toThrow(/outputSize must be/);
    const method = colorization({ encoder: tinyEncoder([28, 28, 1]), imageShape: [28, 28, 3], hiddenUnits: 8 });
    const gray: FloatImages = { data: new Float32Array(28 * 28), batch: 1, height: 28, width: 28, channels: 1 };
    const context = { step: 0, totalSteps: 1, epoch: 0, learningRate: 0, seed: 0, random: createRandom(0) };
    expect(() => methodLoss(method, { images: gray }, context)).toThrow(/colorization: batch.images has 1 channel/);
    method.dispose();
  });

  it('the loss on the subset falls after a few steps, nothing leaks, and the encoder saves and loads', async () => {
    const data = batchLoader<ImagesBatch>({
      size: emoji.count,
      batchSize: 32,
      load: (indices) => ({ images: selectImages(emoji, indices) }),
      dispose: () => {},
    });
    const method = colorization({ encoder: tinyEncoder([32, 32, 1]), imageShape: [32, 32, 3], hiddenUnits: 64 });
    const all = {
      images: selectImages(
        emoji,
        Array.from({ length: emoji.count }, (_, i) => i),
      ),
    };
    const context = { step: 0, totalSteps: 1, epoch: 0, learningRate: 0, seed: 0, random: createRandom(0) };
    const lossOnAll = () => tf.tidy(() => methodLoss(method, all, context).loss.dataSync()[0]);
    const before = tf.memory().numTensors;
    const initial = lossOnAll();
    expect(tf.memory().numTensors).toBe(before);

    const optimizer = tf.train.adam(3e-3);
    const abErrors: number[] = [];
    const result = await train({
      method,
      data,
      optimizer,
      steps: 24,
      seed: 1,
      callbacks: [{ onStep: (r: StepReport) => void abErrors.push(r.metrics.abError) }],
    });
    optimizer.dispose(); // its slots are the only tensors a step may leave behind
    expect(tf.memory().numTensors).toBe(before);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(abErrors[0]).toBeCloseTo(Math.sqrt(result.losses[0]) * COLORIZATION_AB_SCALE, 3);
    const trained = lossOnAll();
    expect(trained).toBeLessThan(0.9 * initial);

    const loaded = await saveAndLoad(method.encoder);
    const x = tf.tensor4d(splitLightnessAndColor(selectImages(emoji, [0, 1]), 4).lightness.data, [2, 32, 32, 1]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((method.encoder.predict(x) as tf.Tensor).dataSync()));
    tf.dispose(x);
    loaded.dispose();
    method.dispose();
  }, 60_000);
});
