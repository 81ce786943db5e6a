import type * as tf from '@selfsup/core/tf';
import { convNet } from '../backbones/conv-net.js';
import { resnet } from '../backbones/resnet.js';
import { VIT_TINY, visionTransformer } from '../backbones/vision-transformer.js';

/** [height, width, channels] of a dataset's images (or of what the encoder sees). */
export type ImageShape = [number, number, number];

/**
 * The encoders the recipe book (and `selfsup pretrain --backbone`) offers. ConvNets and the
 * ResNet take images of any size (DINO's local crops, jigsaw tiles), the ViT a fixed size.
 */
export const BACKBONES = {
  /** 3 conv blocks of 16-32-64 filters, globally pooled: 64-d. */
  convnet: (shape: ImageShape, seed?: number) => convNet({ inputShape: [null, null, shape[2]], filters: [16, 32, 64], seed }),
  /** The same with 32-64-128 filters (the `simclr-cnn3` benchmark encoder): 128-d, about 2x slower. */
  'convnet-wide': (shape: ImageShape, seed?: number) => convNet({ inputShape: [null, null, shape[2]], filters: [32, 64, 128], seed }),
  /** ResNet-18 with the CIFAR stem, width 32. */
  resnet18: (shape: ImageShape, seed?: number) => resnet({ inputShape: [null, null, shape[2]], width: 32, seed }),
  /** ViT-tiny (patch 4) on the dataset's image size. */
  'vit-tiny': (shape: ImageShape, seed?: number) => visionTransformer({ inputShape: shape, ...VIT_TINY, seed }),
} as const satisfies Record<string, (shape: ImageShape, seed?: number) => tf.LayersModel>;

export type BackboneName = keyof typeof BACKBONES;
export const BACKBONE_NAMES = Object.keys(BACKBONES) as BackboneName[];

/**
 * Builds a named backbone for inputs of `shape`, its initial weights drawn from `seed`
 * (unseeded without one).
 *
 * @example
 * const encoder = buildBackbone('convnet', [28, 28, 1], 0); // [B, H, W, 1] -> [B, 64]
 */
export function buildBackbone(name: string, shape: ImageShape, seed?: number): tf.LayersModel {
  if (!(name in BACKBONES)) throw new Error(`buildBackbone: unknown backbone '${name}'; choose one of: ${BACKBONE_NAMES.join(', ')}`);
  return BACKBONES[name as BackboneName](shape, seed);
}
