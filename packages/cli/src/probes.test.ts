import * as tf from '@selfsup/core/tf';
import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import type { CliDataset, ImageSplit } from './datasets.js';
import { NonFiniteEmbeddingsError } from './divergence-advice.js';
import { RAW_PIXELS, RAW_PIXELS_MAX_DIMENSION, probeEncoder, probeRawPixels, probeTrainRows } from './probes.js';

const CLASSES = ['a', 'b', 'c'];
const SIZE = 4;

/**
 * A split of 4x4 images whose class c lights up row c, labels as given, with a record of the
 * rows loaded; the rows in `undecodable` are left out, as a folder's loader leaves out a
 * file that does not decode.
 */
function split(labels: number[], seed: number, undecodable = new Set<number>()): ImageSplit & { loaded: number[] } {
  const random = createRandom(seed);
  const pixels = labels.map((label) =>
    Float32Array.from({ length: SIZE * SIZE }, (_, p) => (Math.floor(p / SIZE) === label ? 1 : 0) + 0.3 * random.next()),
  );
  const loaded: number[] = [];
  return {
    count: labels.length,
    labels: Int32Array.from(labels),
    loaded,
    load: async (indices) => {
      const rows = indices.filter((row) => !undecodable.has(row));
      loaded.push(...rows);
      const data = new Float32Array(rows.length * SIZE * SIZE);
      rows.forEach((row, n) => {
        data.set(pixels[row], n * SIZE * SIZE);
      });
      return { images: { data, batch: rows.length, height: SIZE, width: SIZE, channels: 1 }, rows };
    },
  };
}

/** As an image folder gives it: 100 training images per class, sorted by class; the test split interleaved. */
function classSortedDataset() {
  const train = split(
    CLASSES.flatMap((_, label) => Array.from({ length: 100 }, () => label)),
    1,
  );
  const test = split(
    Array.from({ length: 30 }, (_, i) => i % 3),
    2,
  );
  const dataset: CliDataset = { name: 'sorted', shape: [SIZE, SIZE, 1], classes: CLASSES, train, test };
  return { dataset, train };
}

const classCounts = (labels: Int32Array, rows: ArrayLike<number>) =>
  CLASSES.map((_, c) => Array.from(rows).filter((row) => labels[row] === c).length);

describe('probes on a class-sorted training split', () => {
  it('fit on a stratified sample: with probeTrain smaller than the split, the training labels cover every class', () => {
    const { train } = classSortedDataset();
    const rows = probeTrainRows(train, { probeTrain: 30, seed: 0 });
    expect(rows.length).toBe(30);
    expect(classCounts(train.labels!, rows)).toEqual([10, 10, 10]);
    expect(Array.from(rows)).toEqual([...rows].sort((a, b) => a - b));
    expect(Array.from(probeTrainRows(train, { probeTrain: 30, seed: 0 }))).toEqual(Array.from(rows));
    expect(Array.from(probeTrainRows(train, { probeTrain: 500, seed: 0 }))).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('probeEncoder embeds exactly the sampled rows and classifies every class', async () => {
    const { dataset, train } = classSortedDataset();
    const encoder = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [SIZE, SIZE, 1] })] });
    const before = tf.memory().numTensors;
    const accuracies = await probeEncoder(encoder, dataset, { probeTrain: 30, seed: 0 });
    expect(tf.memory().numTensors).toBe(before);
    encoder.dispose();
    expect(train.loaded).toEqual(Array.from(probeTrainRows(train, { probeTrain: 30, seed: 0 })));
    expect(classCounts(train.labels!, train.loaded)).toEqual([10, 10, 10]);
    // Fitted on the first 30 rows (class 'a' only), both probes would score 1/3.
    expect(accuracies.linear).toBeGreaterThan(0.9);
    expect(accuracies.knn).toBeGreaterThan(0.9);
  });

  it('an image that does not decode is left out of the probes with its label: features and labels stay paired', async () => {
    const { dataset } = classSortedDataset();
    // Test rows 0 and 1 (classes a and b) and training row 0 do not decode; a label shifted by one would mislabel every row after them.
    const test = split(
      Array.from({ length: 30 }, (_, i) => i % 3),
      2,
      new Set([0, 1]),
    );
    const train = split(
      CLASSES.flatMap((_, label) => Array.from({ length: 100 }, () => label)),
      1,
      new Set([0]),
    );
    const encoder = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [SIZE, SIZE, 1] })] });
    const accuracies = await probeEncoder(encoder, { ...dataset, train, test }, { probeTrain: 300, seed: 0 });
    encoder.dispose();
    expect(test.loaded).toEqual(Array.from({ length: 28 }, (_, i) => i + 2));
    expect(train.loaded).toHaveLength(299);
    expect(accuracies.linear).toBeGreaterThan(0.9);
    expect(accuracies.knn).toBeGreaterThan(0.9);
  });

  it('the raw-pixel baseline probes the flattened pixels of the same sample, and skips images too large', async () => {
    const { dataset, train } = classSortedDataset();
    const before = tf.memory().numTensors;
    const raw = await probeRawPixels(dataset, { probeTrain: 30, seed: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(raw).toEqual(await probeEncoder(RAW_PIXELS, dataset, { probeTrain: 30, seed: 0 }));
    expect(raw!.linear).toBeGreaterThan(0.9);
    expect(classCounts(train.labels!, train.loaded)).toEqual([20, 20, 20]);
    const large: CliDataset = { ...dataset, shape: [64, 64, 3] };
    expect(64 * 64 * 3).toBeGreaterThan(RAW_PIXELS_MAX_DIMENSION);
    expect(await probeRawPixels(large, { probeTrain: 30, seed: 0 })).toBeNull();
  });

  it('embeddings that are not finite (a diverged encoder) stop the probes with a NonFiniteEmbeddingsError counting them', async () => {
    const { dataset } = classSortedDataset();
    // Finite for every image but the first of each batch: one NaN row per forward pass.
    const diverged = (images: tf.Tensor) =>
      tf.tidy(() => {
        const flat = tf.reshape(images, [images.shape[0], -1]); // [B, 16]
        return tf.concat([tf.fill([1, flat.shape[1]!], Number.NaN), tf.slice(flat, 1)]); // row 0 NaN
      });
    const error = await probeEncoder(diverged, dataset, { probeTrain: 30, seed: 0 }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(NonFiniteEmbeddingsError);
    expect((error as NonFiniteEmbeddingsError).count).toBe(32); // one row of 16 in the training sample's batch, one in the test split's
    expect((error as Error).message).toBe(
      "the encoder's embeddings for the probes' images of 'sorted' hold 32 values that are not finite (NaN or Infinity): the encoder diverged",
    );
  });
});
