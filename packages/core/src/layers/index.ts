// Shared layers: every tf.layers class here is serialisable as `Selfsup<Name>`.
export { Gelu, type GeluApproximation, type GeluLayerArgs, type GeluOptions, gelu } from './gelu.js';
export { BatchNorm, type BatchNormArgs, type BatchNormOptions, batchNorm } from './batch-norm.js';
export { type BatchNormTrainingResult, batchNormTraining } from './fused-batch-norm.js';
export { LAYER_NORM_DEFAULTS, layerNorm } from './layer-norm.js';
export { LayerNorm, type LayerNormArgs, type LayerNormOptions } from './layer-norm-layer.js';
export {
  type AttentionMaskOptions,
  type AttentionOptions,
  attentionBias,
  MASKED_SCORE,
  scaledDotProductAttention,
} from './scaled-dot-product-attention.js';
export { MultiHeadAttention, type MultiHeadAttentionArgs, type MultiHeadAttentionOptions } from './multi-head-attention.js';
export type { KeyValueCache } from './attention-parameters.js';
export type { TransformerBlockOptions } from './transformer-block-options.js';
export {
  TransformerEncoderBlock,
  type TransformerEncoderBlockArgs,
  type TransformerEncoderBlockOptions,
} from './transformer-encoder-block.js';
export { TransformerDecoderBlock, type TransformerDecoderBlockArgs } from './transformer-decoder-block.js';
export {
  LearnedPositionalEmbedding,
  type LearnedPositionalEmbeddingArgs,
  type LearnedPositionalEmbeddingOptions,
} from './learned-positional-embedding.js';
export {
  SinusoidalPositionalEmbedding,
  type SinusoidalPositionalEmbeddingArgs,
  type SinusoidalPositionalEmbeddingOptions,
  sinusoidalPositionTable,
} from './sinusoidal-positional-embedding.js';
export { L2Normalization, type L2NormalizationArgs, type L2NormalizationOptions } from './l2-normalization.js';
export { WeightNormDense, type WeightNormDenseArgs, type WeightNormDenseOptions } from './weight-norm-dense.js';
export { type MlpActivation, type MlpBlock, type MlpHeadOptions, mlpHead, mlpHeadLayers } from './mlp-head.js';
export {
  BYOL_PREDICTION_HEAD_DEFAULTS,
  byolPredictionHead,
  SIMCLR_PROJECTION_HEAD_DEFAULTS,
  SIMSIAM_PREDICTION_HEAD_DEFAULTS,
  simclrProjectionHead,
  simsiamPredictionHead,
  type TwoLayerHeadOptions,
} from './projection-heads.js';
export { DINO_HEAD_DEFAULTS, type DinoHeadOptions, dinoHead } from './dino-head.js';
export { WeightSeeds } from './weight-seeds.js';
export { layerDropout, layerSeedOf } from './layer-dropout.js';
export { registerSelfsupLayers, SELFSUP_LAYER_CLASSES } from './register-layers.js';
