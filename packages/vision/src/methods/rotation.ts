import * as tf from '@selfsup/core/tf';
import { WeightSeeds, maskedCrossEntropy } from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';
import { type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** The four rotations of RotNet (Gidaris et al. 2018): 0, 90, 180 and 270 degrees. */
export const ROTATIONS = 4;

/**
 * Rotates each square image of a batch by `quarterTurns[n]` × 90° counter-clockwise.
 *
 * @example
 * const rotated = rotateQuarterTurns(images, Int32Array.from([0, 1, 2, 3]));
 */
export function rotateQuarterTurns(images: FloatImages, quarterTurns: Int32Array): FloatImages {
  const { batch, height, width, channels } = images;
  if (height !== width) throw new Error(`rotateQuarterTurns: images must be square, got ${height}x${width}`);
  if (quarterTurns.length !== batch) throw new Error(`rotateQuarterTurns: expected ${batch} rotations, got ${quarterTurns.length}`);
  const size = height;
  const data = new Float32Array(images.data.length);
  for (let n = 0; n < batch; n++) {
    const turns = ((quarterTurns[n] % 4) + 4) % 4;
    const base = n * size * size * channels;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        // Source pixel of output (y, x) for a counter-clockwise rotation.
        const [sy, sx] = turns === 0 ? [y, x] : turns === 1 ? [x, size - 1 - y] : turns === 2 ? [size - 1 - y, size - 1 - x] : [size - 1 - x, y];
        for (let c = 0; c < channels; c++) data[base + (y * size + x) * channels + c] = images.data[base + (sy * size + sx) * channels + c];
      }
    }
  }
  return { ...images, data };
}

export interface RotationOptions {
  encoder: tf.LayersModel;
  /** Seed of the linear head's initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * Rotation prediction (Gidaris, Singh & Komodakis 2018, "Unsupervised Representation
 * Learning by Predicting Image Rotations"): every image is rotated by a random multiple of
 * 90°, and the encoder plus a linear head classifies which rotation it was (4-way
 * cross-entropy). Square images only.
 *
 * @example
 * const method = rotationPrediction({ encoder: convNet({ inputShape: [28, 28, 1] }) });
 */
export function rotationPrediction(options: RotationOptions): VisionMethod {
  const { encoder } = options;
  const kernelInitializer = new WeightSeeds(options.seed ?? 0).glorotUniform();
  const classifier = tf.sequential({
    name: 'rotation_head',
    layers: [tf.layers.dense({ inputShape: [outputUnits(encoder)], units: ROTATIONS, kernelInitializer })],
  });
  return {
    name: 'rotation',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, classifier),
    prepare({ images }, { random }) {
      const turns = Int32Array.from({ length: images.batch }, () => random.integer(ROTATIONS));
      return [imagesToTensor(rotateQuarterTurns(images, turns)), tf.tensor1d(turns, 'int32')]; // [B, H, W, C], [B]
    },
    forward: ([rotated], context) => [
      classifier.apply(encoder.apply(rotated, { training: true, context }), { training: true, context }) as tf.Tensor2D,
    ], // [B, 4]
    loss([logits], [, labels]) {
      const loss = maskedCrossEntropy(logits as tf.Tensor2D, labels as tf.Tensor1D);
      const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), labels), 'float32')) as tf.Scalar;
      return { loss, terms: { crossEntropy: loss }, metrics: { accuracy } };
    },
    models: () => ({ encoder, classifier }),
    dispose: () => classifier.dispose(),
  };
}
