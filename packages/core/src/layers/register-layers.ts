import * as tf from '../tf.js';
import { BatchNorm } from './batch-norm.js';
import { Gelu } from './gelu.js';
import { L2Normalization } from './l2-normalization.js';
import { LayerNorm } from './layer-norm-layer.js';
import { LearnedPositionalEmbedding } from './learned-positional-embedding.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { SinusoidalPositionalEmbedding } from './sinusoidal-positional-embedding.js';
import { TransformerDecoderBlock } from './transformer-decoder-block.js';
import { TransformerEncoderBlock } from './transformer-encoder-block.js';
import { WeightNormDense } from './weight-norm-dense.js';

/** Every selfsup layer class, each serialised under its `className` (`SelfsupGelu`, ...). */
export const SELFSUP_LAYER_CLASSES = [
  Gelu,
  BatchNorm,
  LayerNorm,
  L2Normalization,
  WeightNormDense,
  MultiHeadAttention,
  TransformerEncoderBlock,
  TransformerDecoderBlock,
  LearnedPositionalEmbedding,
  SinusoidalPositionalEmbedding,
] as const;

/**
 * Registers every selfsup layer with `tf.serialization` so that `tf.loadLayersModel` can
 * rebuild saved models that contain them. Each layer's module registers itself when it is
 * loaded; call this (idempotent) before loading a model in an app that never imports the
 * layer classes, where a bundler (the package declares `sideEffects: false`) could
 * otherwise drop those modules.
 *
 * @example
 * import { registerSelfsupLayers } from '@selfsup/core';
 * registerSelfsupLayers();
 * const model = await tf.loadLayersModel('https://example.com/encoder/model.json');
 */
export function registerSelfsupLayers(): void {
  for (const layerClass of SELFSUP_LAYER_CLASSES) tf.serialization.registerClass(layerClass);
}
