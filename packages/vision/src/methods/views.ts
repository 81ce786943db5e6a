import * as tf from '@selfsup/core/tf';
import type { Method, SeededRandom } from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';

/** Turns a batch of images into one random view of each (an augmentation pipeline). */
export type ViewTransform = (images: FloatImages, random: SeededRandom) => FloatImages;

/** What vision methods train on: a batch of images (labels, if any, are ignored). */
export interface ImagesBatch {
  images: FloatImages;
}

/** A vision method: the trainer's contract plus the encoder it pretrains. */
export interface VisionMethod extends Method<ImagesBatch> {
  /** The backbone being pretrained (what probes and `selfsup embed` use). */
  encoder: tf.LayersModel;
  /** Frees every model and state the method created (not the encoder it was given). */
  dispose(): void;
}

/**
 * Float images as a [B, H, W, C] tensor.
 *
 * @example
 * const x = imagesToTensor(view); // [B, 28, 28, 1]
 */
export function imagesToTensor(images: FloatImages): tf.Tensor4D {
  return tf.tensor4d(images.data, [images.batch, images.height, images.width, images.channels]);
}

/** Width of a model's (single) output. */
export function outputUnits(model: tf.LayersModel): number {
  const shape = model.outputs[0].shape;
  const units = shape[shape.length - 1];
  if (typeof units !== 'number') throw new Error(`outputUnits: ${model.name} has no fixed output width (output shape [${shape}])`);
  return units;
}

/** Moved to `@selfsup/core` (text and speech methods use them too); re-exported for vision's users. */
export { definedOnly, trainableVariablesOf } from '@selfsup/core';
