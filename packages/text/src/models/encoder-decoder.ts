import * as tf from '@selfsup/core/tf';
import { LayerNorm, LearnedPositionalEmbedding, TransformerDecoderBlock, TransformerEncoderBlock, WeightSeeds } from '@selfsup/core';

/** An encoder-decoder Transformer's shape and initialisation (see `T5_DEFAULTS` and `BART_DEFAULTS`). */
export interface EncoderDecoderConfig {
  /** Rows of the shared token embedding and columns of the head (sentinels included for T5). */
  vocabularySize: number;
  /** Positions of the encoder's learned table: the longest corrupted input. */
  encoderLength: number;
  /** Positions of the decoder's learned table: the longest target. */
  decoderLength: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  /** Width of the residual stream (the MLP is 4x). */
  units: number;
  /** On attention weights and residual branches in training. */
  dropout: number;
  /** Draws the initial weights (see `WeightSeeds`). */
  seed: number;
  /** The model's name (`t5`, `bart`): the saved model's and the checkpoint's. */
  name: string;
}

/**
 * T5-small (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
 * Text-to-Text Transformer", section 3.1 and the released `t5-small`): 6 + 6 layers, 8
 * heads, 512 wide, MLP 2048, dropout 0.1, inputs of 512 and targets of 114 tokens in
 * pre-training. Departures here (one layout for T5 and BART, `encoderDecoder`): learned
 * absolute positions instead of T5's relative position biases (32 log-spaced buckets per
 * head), layer norms with a bias instead of T5's RMS norm without one, GELU MLPs instead
 * of T5.0's ReLU, and a head not tied to the embedding.
 */
export const T5_DEFAULTS: Readonly<EncoderDecoderConfig> = Object.freeze({
  /** T5's 32,000 SentencePiece pieces + 100 sentinels, padded to 32,128 as the released model. */
  vocabularySize: 32128,
  encoderLength: 512,
  /** Room for T5's 114-token targets and longer fine-tuning outputs. */
  decoderLength: 512,
  encoderLayers: 6,
  decoderLayers: 6,
  heads: 8,
  units: 512,
  dropout: 0.1,
  seed: 0,
  name: 't5',
});

/**
 * BART-base (Lewis et al. 2020, "BART: Denoising Sequence-to-Sequence Pre-training for
 * Natural Language Generation, Translation, and Comprehension", section 2.1 and the
 * released `bart-base`): 6 + 6 layers, 12 heads, 768 wide, MLP 3072, GELU, 1024 learned
 * positions, dropout 0.1, GPT-2's byte-level BPE (50,265 tokens). Departures here: pre-LN
 * blocks with final layer norms (BART is post-LN with a layer norm on the embeddings),
 * dropout on the attention weights at the same rate as the residual branches (BART-base:
 * 0.1 and 0.0), and a head not tied to the embedding.
 */
export const BART_DEFAULTS: Readonly<EncoderDecoderConfig> = Object.freeze({
  vocabularySize: 50265,
  encoderLength: 1024,
  decoderLength: 1024,
  encoderLayers: 6,
  decoderLayers: 6,
  heads: 12,
  units: 768,
  dropout: 0.1,
  seed: 0,
  name: 'bart',
});

/** The names of an encoder-decoder's inputs and layers, by which `encoderOf` and the methods find them again after a reload. */
export const ENCODER_DECODER_LAYER_NAMES = Object.freeze({
  encoderIds: 'encoder_token_ids',
  encoderMask: 'encoder_padding_mask',
  decoderIds: 'decoder_token_ids',
  tokens: 'shared_token_embedding',
  encoderPositions: 'encoder_position_embedding',
  decoderPositions: 'decoder_position_embedding',
  encoderBlock: (index: number) => `encoder_block_${index}`,
  encoderNorm: 'encoder_final_norm',
  decoderBlock: (index: number) => `decoder_block_${index}`,
  decoderNorm: 'decoder_final_norm',
  head: 'lm_head',
});

/** The two views of one encoder-decoder: they share the encoder's layers. */
export interface EncoderDecoderModels {
  /**
   * [encoderIds [B, S] int32, encoderMask [B, S] float32 (1 = token, 0 = padding),
   * decoderIds [B, T] int32] to logits [B, T, vocabularySize] (teacher forcing: position t
   * predicts the target after decoderIds[0..t]). Its `dispose()` frees the encoder's weights too.
   */
  model: tf.LayersModel;
  /** [encoderIds, encoderMask] to the encoder's states [B, S, units] after its final layer norm (probes, embeddings). */
  encoder: tf.LayersModel;
}

/**
 * A Transformer encoder-decoder (Vaswani et al. 2017) as T5 and BART pre-train it, read
 * bottom-up: one token embedding shared by encoder and decoder; the encoder adds its
 * learned positions and runs `encoderLayers` bidirectional pre-LN blocks that ignore padded
 * tokens, then a layer norm (the memory); the decoder adds its own positions and runs
 * `decoderLayers` blocks of causal self-attention, cross-attention to the memory (padded
 * tokens ignored) and MLP, then a layer norm and a linear head to the vocabulary. Padded
 * decoder positions need no mask: they come after the real ones, which causal attention
 * never lets see them, and their targets are ignored by the loss.
 *
 * @example
 * const { model, encoder } = encoderDecoder({ ...T5_DEFAULTS, vocabularySize: 4100, encoderLength: 128, decoderLength: 64, encoderLayers: 2, decoderLayers: 2, heads: 4, units: 128 });
 * const logits = model.apply([encoderIds, encoderMask, decoderIds]) as tf.Tensor3D; // [B, T, 4100]
 * const memory = encoder.apply([encoderIds, encoderMask]) as tf.Tensor3D;           // [B, S, 128]
 */
export function encoderDecoder(config: Partial<EncoderDecoderConfig> = {}): EncoderDecoderModels {
  return build({ ...T5_DEFAULTS, ...config }, 'encoderDecoder');
}

function build(c: EncoderDecoderConfig, fn: string): EncoderDecoderModels {
  checkConfig(c, fn);
  const names = ENCODER_DECODER_LAYER_NAMES;
  const seeds = new WeightSeeds(c.seed);
  const encoderIds = tf.input({ shape: [null], dtype: 'int32', name: names.encoderIds }); // [B, S]
  const encoderMask = tf.input({ shape: [null], dtype: 'float32', name: names.encoderMask }); // [B, S]
  const decoderIds = tf.input({ shape: [null], dtype: 'int32', name: names.decoderIds }); // [B, T]
  const tokens = tf.layers.embedding({
    inputDim: c.vocabularySize,
    outputDim: c.units,
    embeddingsInitializer: seeds.truncatedNormal(0.02),
    name: names.tokens,
  });
  const positions = (maxLength: number, name: string) => new LearnedPositionalEmbedding({ maxLength, units: c.units, seed: seeds.next(), name });

  let x = tokens.apply(encoderIds) as tf.SymbolicTensor; // [B, S, C]
  x = positions(c.encoderLength, names.encoderPositions).apply(x) as tf.SymbolicTensor; // [B, S, C]
  for (let i = 0; i < c.encoderLayers; i++) {
    const block = new TransformerEncoderBlock({
      units: c.units,
      numHeads: c.heads,
      dropout: c.dropout,
      seed: seeds.next(),
      name: names.encoderBlock(i),
    });
    x = block.apply([x, encoderMask]) as tf.SymbolicTensor; // [B, S, C]
  }
  const memory = new LayerNorm({ name: names.encoderNorm }).apply(x) as tf.SymbolicTensor; // [B, S, C]

  let y = tokens.apply(decoderIds) as tf.SymbolicTensor; // [B, T, C]
  y = positions(c.decoderLength, names.decoderPositions).apply(y) as tf.SymbolicTensor; // [B, T, C]
  for (let i = 0; i < c.decoderLayers; i++) {
    const block = new TransformerDecoderBlock({
      units: c.units,
      numHeads: c.heads,
      dropout: c.dropout,
      seed: seeds.next(),
      name: names.decoderBlock(i),
    });
    y = block.apply([y, memory, encoderMask]) as tf.SymbolicTensor; // [B, T, C]
  }
  const normalized = new LayerNorm({ name: names.decoderNorm }).apply(y) as tf.SymbolicTensor; // [B, T, C]
  const logits = tf.layers
    .dense({ units: c.vocabularySize, kernelInitializer: seeds.truncatedNormal(0.02), name: names.head })
    .apply(normalized) as tf.SymbolicTensor; // [B, T, V]
  return {
    model: tf.model({ inputs: [encoderIds, encoderMask, decoderIds], outputs: logits, name: c.name }),
    encoder: tf.model({ inputs: [encoderIds, encoderMask], outputs: memory, name: `${c.name}_encoder` }),
  };
}

/**
 * T5 (Raffel et al. 2020): `encoderDecoder` with `T5_DEFAULTS` (T5-small) under `config`.
 *
 * @example
 * const { model, encoder } = t5({ vocabularySize: tokenizer.vocabSize + 100, encoderLength: 128, decoderLength: 64, encoderLayers: 2, decoderLayers: 2, heads: 4, units: 128 });
 */
export function t5(config: Partial<EncoderDecoderConfig> = {}): EncoderDecoderModels {
  return build({ ...T5_DEFAULTS, ...config }, 't5');
}

/**
 * BART (Lewis et al. 2020): `encoderDecoder` with `BART_DEFAULTS` (BART-base) under `config`.
 *
 * @example
 * const { model, encoder } = bart({ vocabularySize: tokenizer.vocabSize, encoderLength: 128, decoderLength: 128, encoderLayers: 2, decoderLayers: 2, heads: 4, units: 128 });
 */
export function bart(config: Partial<EncoderDecoderConfig> = {}): EncoderDecoderModels {
  return build({ ...BART_DEFAULTS, ...config }, 'bart');
}

/**
 * The encoder of an encoder-decoder (as `encoderDecoder()` returns it, or loaded back with
 * `tf.loadLayersModel`): [encoderIds, encoderMask] to the memory [B, S, units], sharing the layers.
 *
 * @example
 * const model = await tf.loadLayersModel('file://run/checkpoints/step-2000/t5/model.json');
 * const encoder = encoderOf(model);
 */
export function encoderOf(model: tf.LayersModel): tf.LayersModel {
  const names = model.layers.map((layer) => layer.name);
  if (!names.includes(ENCODER_DECODER_LAYER_NAMES.encoderNorm) || model.inputs.length !== 3) {
    throw new Error(
      `encoderOf: model must be built by encoderDecoder() (three inputs and a layer '${ENCODER_DECODER_LAYER_NAMES.encoderNorm}'), got '${model.name}' with ${model.inputs.length} inputs`,
    );
  }
  const output = model.getLayer(ENCODER_DECODER_LAYER_NAMES.encoderNorm).output as tf.SymbolicTensor;
  return tf.model({ inputs: model.inputs.slice(0, 2), outputs: output, name: `${model.name}_encoder` });
}

/**
 * The longest encoder input and decoder sequence of an encoder-decoder (its position tables' rows).
 *
 * @example
 * encoderDecoderLengths(t5({ encoderLength: 128, decoderLength: 64 }).model); // { encoderLength: 128, decoderLength: 64 }
 */
export function encoderDecoderLengths(model: tf.LayersModel): { encoderLength: number; decoderLength: number } {
  const rows = (name: string) => (model.getLayer(name) as LearnedPositionalEmbedding).maxLength;
  return { encoderLength: rows(ENCODER_DECODER_LAYER_NAMES.encoderPositions), decoderLength: rows(ENCODER_DECODER_LAYER_NAMES.decoderPositions) };
}

function checkConfig(c: EncoderDecoderConfig, fn: string): void {
  for (const key of ['vocabularySize', 'encoderLength', 'decoderLength', 'encoderLayers', 'decoderLayers', 'heads', 'units'] as const) {
    if (!Number.isInteger(c[key]) || c[key] <= 0) throw new Error(`${fn}: ${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.units % c.heads !== 0) throw new Error(`${fn}: heads (${c.heads}) must divide units (${c.units})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`${fn}: dropout must be in [0, 1), got ${c.dropout}`);
  if (typeof c.name !== 'string' || c.name === '') throw new Error(`${fn}: name must be a non-empty string, got ${String(c.name)}`);
}
