import * as tf from '@selfsup/core/tf';
import { LayerNorm, LearnedPositionalEmbedding, TransformerEncoderBlock, WeightSeeds } from '@selfsup/core';
import { PrependClassToken, SelectClassToken } from './class-token.js';
import { checkInputShape } from './conv-net.js';

export interface VisionTransformerOptions {
  inputShape: [number, number, number];
  /** Side of the square patches; must divide the image. Default 4 (for 28-32 px images). */
  patchSize?: number;
  /** Embedding width. Default 192 (ViT-Tiny). */
  units?: number;
  /** Transformer blocks. Default 12 (ViT-Tiny). */
  depth?: number;
  /** Attention heads. Default 3 (ViT-Tiny). */
  numHeads?: number;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded (tfjs draws from `Math.random`). */
  seed?: number;
}

/** ViT-Tiny (Touvron et al. 2021, DeiT): width 192, 12 blocks, 3 heads. */
export const VIT_TINY: Readonly<{ units: number; depth: number; numHeads: number }> = Object.freeze({ units: 192, depth: 12, numHeads: 3 });

/** Defaults of `visionTransformer`: ViT-Tiny's width, depth and heads on small patches. */
export const VISION_TRANSFORMER_DEFAULTS = Object.freeze({
  /** 4-pixel patches: 7x7 tokens for MNIST, 8x8 for CIFAR (ViT's 16 is for 224-pixel images). */
  patchSize: 4,
  ...VIT_TINY,
});

/**
 * A Vision Transformer encoder (Dosovitskiy et al. 2021) from the core's pre-LN
 * Transformer blocks: patches embedded by a strided convolution, a learned [CLS] token and
 * position embeddings, `depth` blocks, a final layer norm; the [CLS] token is the output.
 *
 * Shape: [B, H, W, C] to [B, units].
 *
 * @example
 * const encoder = visionTransformer({ inputShape: [32, 32, 3] });                          // ViT-Tiny, [B, 192]
 * const small = visionTransformer({ inputShape: [28, 28, 1], units: 64, depth: 4, numHeads: 4 }); // [B, 64]
 */
export function visionTransformer(options: VisionTransformerOptions): tf.LayersModel {
  checkInputShape('visionTransformer', options.inputShape);
  const [height, width] = options.inputShape;
  if (height === null || width === null)
    throw new Error('visionTransformer: inputShape needs a fixed height and width (the position embeddings have one entry per patch)');
  const patchSize = options.patchSize ?? VISION_TRANSFORMER_DEFAULTS.patchSize;
  const units = options.units ?? VISION_TRANSFORMER_DEFAULTS.units;
  const depth = options.depth ?? VISION_TRANSFORMER_DEFAULTS.depth;
  const numHeads = options.numHeads ?? VISION_TRANSFORMER_DEFAULTS.numHeads;
  if (!Number.isInteger(patchSize) || patchSize <= 0 || height % patchSize !== 0 || width % patchSize !== 0) {
    throw new Error(`visionTransformer: patchSize ${patchSize} must divide the image size ${height}x${width}`);
  }
  const patches = (height / patchSize) * (width / patchSize);
  const seeds = new WeightSeeds(options.seed);
  return tf.sequential({
    name: 'vision_transformer',
    layers: [
      tf.layers.conv2d({
        inputShape: options.inputShape,
        filters: units,
        kernelSize: patchSize,
        strides: patchSize,
        kernelInitializer: seeds.glorotUniform(),
      }), // [B, H/p, W/p, D]
      tf.layers.reshape({ targetShape: [patches, units] }), // [B, N, D]
      new PrependClassToken({ seed: seeds.next() }), // [B, N + 1, D]
      new LearnedPositionalEmbedding({ maxLength: patches + 1, units, seed: seeds.next() }),
      ...Array.from({ length: depth }, () => new TransformerEncoderBlock({ units, numHeads, seed: seeds.next() })),
      new LayerNorm(),
      new SelectClassToken(), // [B, D]
    ],
  });
}
