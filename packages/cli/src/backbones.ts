import type * as tf from '@tensorflow/tfjs';
import { seededScope } from '@selfsup/core';
import { VIT_TINY, convNet, resnet, visionTransformer } from '@selfsup/vision';
import { UsageError, choices } from './usage-error.js';

/**
 * The encoders `selfsup pretrain --backbone` offers. ConvNets and the ResNet take images of
 * any size (DINO's local crops, jigsaw tiles), the ViT a fixed size.
 */
export const BACKBONES = {
  /** 3 conv blocks of 16-32-64 filters, 128-d: about 0.6 s per SimCLR step of 256 MNIST images on one core. */
  convnet: (shape: ImageShape) => convNet({ inputShape: [null, null, shape[2]], filters: [16, 32, 64] }),
  /** The same with 32-64-128 filters (the `simclr-cnn3` benchmark encoder), about 2x slower. */
  'convnet-wide': (shape: ImageShape) => convNet({ inputShape: [null, null, shape[2]] }),
  /** ResNet-18 with the CIFAR stem, width 32. */
  resnet18: (shape: ImageShape) => resnet({ inputShape: [null, null, shape[2]], width: 32 }),
  /** ViT-tiny (patch 4) on the dataset's image size. */
  'vit-tiny': (shape: ImageShape) => visionTransformer({ inputShape: shape, ...VIT_TINY }),
} as const satisfies Record<string, (shape: ImageShape) => tf.LayersModel>;

export type BackboneName = keyof typeof BACKBONES;
export const BACKBONE_NAMES = Object.keys(BACKBONES) as BackboneName[];

/** [height, width, channels] of a dataset's images. */
export type ImageShape = [number, number, number];

/**
 * Builds a named backbone for images of `shape`, its weights drawn under `seed` (the same
 * seed gives the same random-init encoder, the baseline the probes compare against).
 *
 * @example
 * const encoder = buildBackbone('convnet', [28, 28, 1], 0); // [B, H, W, 1] -> [B, 128]
 */
export function buildBackbone(name: string, shape: ImageShape, seed: number): tf.LayersModel {
  if (!(name in BACKBONES)) throw new UsageError(`unknown backbone '${name}'; ${choices(BACKBONE_NAMES)}`);
  return seededScope(seed, () => BACKBONES[name as BackboneName](shape));
}
