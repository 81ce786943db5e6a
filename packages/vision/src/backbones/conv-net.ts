import * as tf from '@selfsup/core/tf';
import { WeightSeeds, batchNorm } from '@selfsup/core';

export interface ConvNetOptions {
  /** Input [height, width, channels]; height and width may be null for any size (DINO's crops). */
  inputShape: InputShape;
  /** Filters of each conv block; each block halves the resolution except the last. Default [32, 64, 128]. */
  filters?: readonly number[];
  /**
   * Adds a dense + ReLU layer of this width after the pooling. Default: none, the
   * representation is the globally pooled features of the last block (width = its
   * filters), the layer the papers probe.
   */
  outputUnits?: number;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded (tfjs draws from `Math.random`). */
  seed?: number;
}

/** Defaults of `convNet`. */
export const CONV_NET_DEFAULTS = Object.freeze({
  /** The blocks of the reference CNN of the benchmarks (simclr-cnn3): 32-64-128, this project's choice for 2 cores. */
  filters: Object.freeze([32, 64, 128]) as readonly number[],
});

/**
 * A small ConvNet encoder: per block conv 3x3 (no bias) + batch norm + ReLU, 2x2 max-pool
 * between blocks, then global average pooling (and a dense + ReLU layer if `outputUnits`
 * is given). Fits MNIST-sized inputs and trains in minutes on 2 cores; it is the encoder
 * of the `simclr-cnn3` benchmark.
 *
 * Shape: [B, H, W, C] to [B, last filters] (or [B, outputUnits]).
 *
 * @example
 * const encoder = convNet({ inputShape: [28, 28, 1], seed: 0 }); // [B, 28, 28, 1] -> [B, 128], pooled
 */
export function convNet(options: ConvNetOptions): tf.LayersModel {
  const filters = options.filters ?? CONV_NET_DEFAULTS.filters;
  checkInputShape('convNet', options.inputShape);
  if (filters.length === 0 || filters.some((f) => !Number.isInteger(f) || f <= 0)) {
    throw new Error(`convNet: filters must be a non-empty list of positive integers, got [${filters}]`);
  }
  const seeds = new WeightSeeds(options.seed);
  const layers: tf.layers.Layer[] = [];
  filters.forEach((count, block) => {
    layers.push(
      tf.layers.conv2d({
        ...(block === 0 ? { inputShape: options.inputShape as number[] } : {}),
        filters: count,
        kernelSize: 3,
        padding: 'same',
        useBias: false,
        kernelInitializer: seeds.glorotUniform(),
      }),
      batchNorm(),
      tf.layers.reLU(),
    );
    if (block < filters.length - 1) layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  });
  layers.push(tf.layers.globalAveragePooling2d({})); // [B, filters]
  if (options.outputUnits !== undefined)
    layers.push(tf.layers.dense({ units: options.outputUnits, activation: 'relu', kernelInitializer: seeds.glorotUniform() }));
  return tf.sequential({ name: 'conv_net', layers });
}

/** [height, width, channels]; null height and width accept images of any size. */
export type InputShape = [number | null, number | null, number];

/** Throws unless `shape` is [height, width, channels] of positive integers (height and width may be null). */
export function checkInputShape(fn: string, shape: unknown): asserts shape is InputShape {
  const positive = (d: unknown) => Number.isInteger(d) && (d as number) > 0;
  if (!Array.isArray(shape) || shape.length !== 3 || !positive(shape[2]) || !shape.slice(0, 2).every((d) => d === null || positive(d))) {
    throw new Error(
      `${fn}: inputShape must be [height, width, channels] of positive integers (height and width may be null), got ${JSON.stringify(shape)}`,
    );
  }
}
