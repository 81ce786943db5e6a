import * as tf from '@selfsup/core/tf';
import { WeightSeeds, batchNorm } from '@selfsup/core';
import { type InputShape, checkInputShape } from './conv-net.js';

export interface ResNetOptions {
  /** [height, width, channels]; height and width may be null for any size. */
  inputShape: InputShape;
  /** Basic blocks per stage. Default [2, 2, 2, 2] (ResNet-18). */
  blocksPerStage?: readonly number[];
  /** Filters of the first stage; each later stage doubles it. Default 64. */
  width?: number;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded (tfjs draws from `Math.random`). */
  seed?: number;
}

/** ResNet-18's stages (He et al. 2016). */
export const RESNET18_BLOCKS: readonly number[] = Object.freeze([2, 2, 2, 2]);

/** Defaults of `resnet`: ResNet-18 (He et al. 2016). */
export const RESNET_DEFAULTS = Object.freeze({
  /** ResNet-18's stages (`RESNET18_BLOCKS`). */
  blocksPerStage: RESNET18_BLOCKS,
  /** ResNet's 64 filters in the first stage (512 features after four stages). */
  width: 64,
});

/**
 * A ResNet encoder with basic blocks (He et al. 2016, "Deep Residual Learning") and the
 * CIFAR-style stem used by lightly and solo-learn for small images: one 3x3 conv at stride
 * 1, no max-pool. Each stage after the first halves the resolution (stride-2 first block,
 * 1x1 projection shortcut). Ends with global average pooling.
 *
 * Shape: [B, H, W, C] to [B, width · 2^(stages−1)].
 *
 * @example
 * const encoder = resnet({ inputShape: [32, 32, 3] });                               // ResNet-18, [B, 512]
 * const small = resnet({ inputShape: [28, 28, 1], blocksPerStage: [1, 1, 1], width: 16 }); // [B, 64]
 */
export function resnet(options: ResNetOptions): tf.LayersModel {
  checkInputShape('resnet', options.inputShape);
  const stages = options.blocksPerStage ?? RESNET_DEFAULTS.blocksPerStage;
  const width = options.width ?? RESNET_DEFAULTS.width;
  if (stages.length === 0 || stages.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`resnet: blocksPerStage must be a non-empty list of positive integers, got [${stages}]`);
  }
  if (!Number.isInteger(width) || width <= 0) throw new Error(`resnet: width must be a positive integer, got ${width}`);
  const seeds = new WeightSeeds(options.seed);
  const input = tf.input({ shape: options.inputShape as number[] });
  let x = convBnRelu(input, width, 1, seeds);
  stages.forEach((blocks, stage) => {
    for (let block = 0; block < blocks; block++) {
      x = basicBlock(x, width * 2 ** stage, stage > 0 && block === 0 ? 2 : 1, seeds);
    }
  });
  const output = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  return tf.model({ name: 'resnet', inputs: input, outputs: output });
}

function convBnRelu(x: tf.SymbolicTensor, filters: number, strides: number, seeds: WeightSeeds): tf.SymbolicTensor {
  const conv = tf.layers
    .conv2d({ filters, kernelSize: 3, strides, padding: 'same', useBias: false, kernelInitializer: seeds.glorotUniform() })
    .apply(x) as tf.SymbolicTensor;
  return tf.layers.reLU().apply(batchNorm().apply(conv)) as tf.SymbolicTensor;
}

/** x + F(x), F = conv-BN-ReLU-conv-BN; a 1x1 conv + BN shortcut when the shape changes. */
function basicBlock(x: tf.SymbolicTensor, filters: number, strides: number, seeds: WeightSeeds): tf.SymbolicTensor {
  const inner = convBnRelu(x, filters, strides, seeds);
  const conv = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: seeds.glorotUniform() });
  const residual = batchNorm().apply(conv.apply(inner)) as tf.SymbolicTensor;
  const inputFilters = x.shape[x.shape.length - 1];
  const shortcut =
    strides === 1 && inputFilters === filters
      ? x
      : (batchNorm().apply(
          tf.layers.conv2d({ filters, kernelSize: 1, strides, useBias: false, kernelInitializer: seeds.glorotUniform() }).apply(x),
        ) as tf.SymbolicTensor);
  return tf.layers.reLU().apply(tf.layers.add().apply([residual, shortcut])) as tf.SymbolicTensor;
}
