import * as tf from '@selfsup/core/tf';
import { createRandom, methodLoss, train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitBatches, loadDigits, tinyEncoder } from '../../test/fixtures/mnist-subset.js';
import type { LabelledImages } from '../data/mnist.js';
import { type FloatImages, selectImages } from '../data/select-images.js';
import { cutJigsawTiles, jigsaw } from './jigsaw.js';

const IDENTITY = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** Images whose pixel (n, y, x, c) holds n * 10000 + y * 100 + x + c / 10: every pixel tells where it came from. */
function coordinateImages(batch: number, height: number, width: number, channels: number): FloatImages {
  const data = new Float32Array(batch * height * width * channels);
  for (let n = 0; n < batch; n++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < channels; c++) data[((n * height + y) * width + x) * channels + c] = n * 10000 + y * 100 + x + c / 10;
  return { data, batch, height, width, channels };
}

/** Lays the 9 tiles of image n back out in a 3x3 grid, in the order given (position i at grid cell i). */
function reassemble(tiles: FloatImages, n: number): Float32Array {
  const { height: size, channels } = tiles;
  const side = 3 * size;
  const out = new Float32Array(side * side * channels);
  for (let position = 0; position < 9; position++) {
    const [row, column] = [Math.floor(position / 3), position % 3];
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        for (let c = 0; c < channels; c++) {
          out[((row * size + y) * side + column * size + x) * channels + c] = tiles.data[(((n * 9 + position) * size + y) * size + x) * channels + c];
        }
  }
  return out;
}

/** Rows [top, top + size) and columns [left, left + size) of image n. */
function crop(images: FloatImages, n: number, top: number, left: number, size: number): Float32Array {
  const { height, width, channels } = images;
  const out = new Float32Array(size * size * channels);
  for (let y = 0; y < size; y++)
    out.set(
      images.data.subarray(((n * height + top + y) * width + left) * channels, ((n * height + top + y) * width + left + size) * channels),
      y * size * channels,
    );
  return out;
}

describe('cutJigsawTiles', () => {
  it('gives back the centred grid for the identity order when tiles fill their cells', () => {
    // 29x29: cells of 9, a 27x27 grid starting at row and column 1.
    const images = coordinateImages(2, 29, 29, 2);
    const tiles = cutJigsawTiles(images, { tileSize: 9, orders: [IDENTITY, IDENTITY], uniform: () => 0.99 });
    expect([tiles.batch, tiles.height, tiles.width, tiles.channels]).toEqual([18, 9, 9, 2]);
    for (const n of [0, 1]) expect(Array.from(reassemble(tiles, n))).toEqual(Array.from(crop(images, n, 1, 1, 27)));
  });

  it('puts cell orders[n][i] at position i of image n', () => {
    const images = coordinateImages(2, 27, 27, 1);
    const order = [8, 3, 0, 5, 4, 1, 7, 2, 6];
    const tiles = cutJigsawTiles(images, { tileSize: 9, orders: [order, IDENTITY], uniform: () => 0 });
    // Tile at position 0 of image 0 is cell 8 (bottom right): its first pixel is (18, 18).
    expect(tiles.data[0]).toBe(18 * 100 + 18);
    order.forEach((cell, position) => {
      const [row, column] = [Math.floor(cell / 3), cell % 3];
      const tile = tiles.data.subarray(position * 81, (position + 1) * 81);
      expect(Array.from(tile)).toEqual(Array.from(crop(images, 0, row * 9, column * 9, 9)));
    });
    // Image 1 (identity): position 4 is the centre cell of image 1.
    expect(tiles.data[(9 + 4) * 81]).toBe(10000 + 9 * 100 + 9);
  });

  it('takes each tile at a random offset inside its own cell', () => {
    const images = coordinateImages(1, 28, 28, 1);
    // uniform 0: top-left of each 9x9 cell; uniform 0.99: offset 9 - 7 = 2 (the largest).
    const first = cutJigsawTiles(images, { tileSize: 7, orders: [IDENTITY], uniform: () => 0 });
    const last = cutJigsawTiles(images, { tileSize: 7, orders: [IDENTITY], uniform: () => 0.99 });
    for (let cell = 0; cell < 9; cell++) {
      const [row, column] = [Math.floor(cell / 3), cell % 3];
      expect(Array.from(first.data.subarray(cell * 49, (cell + 1) * 49))).toEqual(Array.from(crop(images, 0, row * 9, column * 9, 7)));
      expect(Array.from(last.data.subarray(cell * 49, (cell + 1) * 49))).toEqual(Array.from(crop(images, 0, row * 9 + 2, column * 9 + 2, 7)));
    }
    // Random offsets: every pixel of a tile stays inside its cell.
    const random = createRandom(5);
    const jittered = cutJigsawTiles(images, { tileSize: 7, orders: [[4, 0, 8, 1, 7, 2, 6, 3, 5]], uniform: () => random.next() });
    [4, 0, 8, 1, 7, 2, 6, 3, 5].forEach((cell, position) => {
      for (const value of jittered.data.subarray(position * 49, (position + 1) * 49)) {
        expect(Math.floor(Math.floor(value / 100) / 9)).toBe(Math.floor(cell / 3));
        expect(Math.floor((value % 100) / 9)).toBe(cell % 3);
      }
    });
  });

  it('rejects images too small for the grid, and bad orders', () => {
    const images = coordinateImages(1, 20, 28, 1);
    expect(() => cutJigsawTiles(images, { tileSize: 7, orders: [IDENTITY], uniform: () => 0 })).toThrow(
      /cutJigsawTiles: 20x28 images are too small for a 3x3 grid of 7-pixel tiles \(need at least 21x21\)/,
    );
    expect(() => cutJigsawTiles(images, { tileSize: 0, orders: [IDENTITY], uniform: () => 0 })).toThrow(
      /cutJigsawTiles: tileSize must be a positive integer, got 0/,
    );
    expect(() => cutJigsawTiles(images, { tileSize: 5, orders: [], uniform: () => 0 })).toThrow(
      /cutJigsawTiles: expected one order per image \(1\), got 0/,
    );
    expect(() => cutJigsawTiles(images, { tileSize: 5, orders: [[0, 1, 2, 3, 4, 5, 6, 7, 7]], uniform: () => 0 })).toThrow(
      /cutJigsawTiles: orders\[0\] must be a permutation of 0..8, got \[0, 1, 2, 3, 4, 5, 6, 7, 7\]/,
    );
  });
});

describe('jigsaw on a real MNIST subset (wasm)', () => {
  let digits: LabelledImages;
  beforeAll(async () => {
    await useBackend('wasm');
    digits = await loadDigits();
  });
  const build = (options: { permutations?: number; hiddenUnits?: number } = {}) =>
    jigsaw({ encoder: tinyEncoder([null, null, 1]), permutations: 10, hiddenUnits: 64, seed: 4, ...options });

  it('the loss falls over a few steps and the accuracy is reported', async () => {
    const method = build();
    const accuracies: number[] = [];
    const result = await train({
      method,
      data: digitBatches(digits),
      optimizer: tf.train.adam(3e-3),
      steps: 24,
      seed: 1,
      callbacks: [{ onStep: (report) => void accuracies.push(report.metrics.accuracy) }],
    });
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(result.losses.every(Number.isFinite)).toBe(true);
    // Ten classes: the loss starts near ln 10 = 2.30.
    expect(result.losses[0]).toBeGreaterThan(1.8);
    // Measured for run seeds 1-3: from 2.2 over the first four steps to 0.3-0.5 over the last four.
    expect(mean(result.losses.slice(-4))).toBeLessThan(0.5 * mean(result.losses.slice(0, 4)));
    for (const accuracy of accuracies) expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(mean(accuracies.slice(-4))).toBeGreaterThan(0.5);
    method.dispose();
  }, 60_000);

  it('leaks no tensors: a step inside tidy leaves none, dispose frees the head', () => {
    const encoder = tinyEncoder([null, null, 1]);
    const before = tf.memory().numTensors;
    const method = jigsaw({ encoder, permutations: 10, hiddenUnits: 16, seed: 4 });
    const batch = { images: selectImages(digits, [0, 1, 2, 3]) };
    const context = { step: 0, totalSteps: 1, epoch: 0, learningRate: 1e-3, seed: 0, random: createRandom(0) };
    const afterBuild = tf.memory().numTensors;
    tf.tidy(() => {
      const { loss, metrics } = methodLoss(method, batch, context);
      expect(loss.shape).toEqual([]);
      expect(metrics?.accuracy).toBeDefined();
      return undefined;
    });
    expect(tf.memory().numTensors).toBe(afterBuild);
    method.dispose();
    expect(tf.memory().numTensors).toBe(before);
    encoder.dispose();
  });

  it('rejects bad options and encoders that cannot take the tiles, naming the argument', () => {
    const encoder = tinyEncoder([null, null, 1]);
    expect(() => jigsaw({ encoder, permutations: 1 })).toThrow(/jigsaw: permutations must be an integer in \[2, 362880\].*got 1/);
    expect(() => jigsaw({ encoder, permutations: 362881 })).toThrow(/jigsaw: permutations must be an integer in \[2, 362880\]/);
    expect(() => jigsaw({ encoder, permutations: 2.5 })).toThrow(/jigsaw: permutations must be an integer/);
    expect(() => jigsaw({ encoder, hiddenUnits: 0 })).toThrow(/jigsaw: hiddenUnits must be a positive integer, got 0/);
    expect(() => jigsaw({ encoder, tileSize: -3 })).toThrow(/jigsaw: tileSize must be a positive integer, got -3/);
    expect(() => jigsaw({ encoder, permutationSeed: 0.5 })).toThrow(/jigsaw: permutationSeed must be an integer, got 0.5/);
    expect(() => jigsaw({ encoder: {} as tf.LayersModel })).toThrow(/jigsaw: encoder must be a tf.LayersModel/);
    const convolutional = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [null, null, 1], filters: 4, kernelSize: 3 })] });
    expect(() => jigsaw({ encoder: convolutional })).toThrow(
      /jigsaw: encoder must output \[B, D\] with a fixed width D.*got output shape \[null, null, null, 4\]/,
    );

    const context = { step: 0, totalSteps: 1, epoch: 0, learningRate: 1e-3, seed: 0, random: createRandom(0) };
    const fixed = tinyEncoder([28, 28, 1]);
    const wholeImages = jigsaw({ encoder: fixed, permutations: 10, hiddenUnits: 8 });
    expect(() => methodLoss(wholeImages, { images: selectImages(digits, [0, 1]) }, context)).toThrow(
      /jigsaw: encoder takes inputs \[null, 28, 28, 1\] but the tiles are \[B, 7, 7, 1\]; build it with inputShape \[null, null, 1\]/,
    );
    const tooBig = jigsaw({ encoder, permutations: 10, hiddenUnits: 8, tileSize: 10 });
    expect(() => methodLoss(tooBig, { images: selectImages(digits, [0, 1]) }, context)).toThrow(
      /jigsaw: 28x28 images are too small for a 3x3 grid of 10-pixel tiles \(need at least 30x30\)/,
    );
    for (const model of [wholeImages, tooBig]) model.dispose();
    for (const model of [encoder, fixed, convolutional]) model.dispose();
  });
});
