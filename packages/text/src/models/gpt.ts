import * as tf from '@selfsup/core/tf';
import { LayerNorm, LearnedPositionalEmbedding, TransformerEncoderBlock, WeightSeeds } from '@selfsup/core';

/**
 * GPT-2 small (Radford et al. 2019, "Language Models are Unsupervised Multitask
 * Learners"): the configuration of the paper's 124M model. Recipes for a 2-core budget
 * shrink it (see `TEXT_RECIPES`).
 */
export const GPT_DEFAULTS: Readonly<GptConfig> = Object.freeze({
  /** GPT-2's byte-level BPE vocabulary. */
  vocabularySize: 50257,
  /** Positions the model sees at once (the learned position table's rows). */
  contextLength: 1024,
  layers: 12,
  heads: 12,
  /** Width of the residual stream. */
  units: 768,
  /** On attention weights and residual branches in training; 0.1 in GPT-2, 0 in nanoGPT's small runs. */
  dropout: 0.1,
  /** Draws the initial weights (see `WeightSeeds`). */
  seed: 0,
});

/** A GPT's shape and initialisation (see `GPT_DEFAULTS` for each field). */
export interface GptConfig {
  vocabularySize: number;
  contextLength: number;
  layers: number;
  heads: number;
  units: number;
  dropout: number;
  seed: number;
}

/** The names of a GPT's layers, which generation (`generate`) finds again after a reload. */
export const GPT_LAYER_NAMES = Object.freeze({
  tokens: 'gpt_token_embedding',
  positions: 'gpt_position_embedding',
  block: (index: number) => `gpt_block_${index}`,
  finalNorm: 'gpt_final_norm',
  head: 'gpt_head',
});

/**
 * A decoder-only Transformer language model, GPT-2's layout read bottom-up as in nanoGPT:
 * token embedding + learned positions, `layers` causal pre-LN blocks (attention, then
 * GELU MLP of 4x width), a final layer norm and a linear head to the vocabulary.
 * Departure from GPT-2: the head is not tied to the token embedding (a separate matrix).
 *
 * Input: token ids [B, T] int32 with T <= contextLength. Output: logits [B, T, vocabularySize].
 *
 * @example
 * const model = gpt({ vocabularySize: 65, contextLength: 64, layers: 4, heads: 4, units: 128, dropout: 0 });
 * const logits = model.apply(tf.tensor2d([[1, 2, 3]], [1, 3], 'int32')) as tf.Tensor3D; // [1, 3, 65]
 */
export function gpt(config: Partial<GptConfig> = {}): tf.LayersModel {
  const c = { ...GPT_DEFAULTS, ...config };
  checkConfig(c);
  const seeds = new WeightSeeds(c.seed);
  const tokens = tf.input({ shape: [null], dtype: 'int32', name: 'gpt_tokens' }); // [B, T]
  const embedded = tf.layers
    .embedding({ inputDim: c.vocabularySize, outputDim: c.units, embeddingsInitializer: seeds.truncatedNormal(0.02), name: GPT_LAYER_NAMES.tokens })
    .apply(tokens) as tf.SymbolicTensor; // [B, T, C]
  let x = new LearnedPositionalEmbedding({ maxLength: c.contextLength, units: c.units, seed: seeds.next(), name: GPT_LAYER_NAMES.positions }).apply(
    embedded,
  ) as tf.SymbolicTensor; // [B, T, C]
  for (let i = 0; i < c.layers; i++) {
    const block = new TransformerEncoderBlock({
      units: c.units,
      numHeads: c.heads,
      causal: true,
      dropout: c.dropout,
      seed: seeds.next(),
      name: GPT_LAYER_NAMES.block(i),
    });
    x = block.apply(x) as tf.SymbolicTensor; // [B, T, C]
  }
  const normalized = new LayerNorm({ name: GPT_LAYER_NAMES.finalNorm }).apply(x) as tf.SymbolicTensor; // [B, T, C]
  const logits = tf.layers
    .dense({ units: c.vocabularySize, kernelInitializer: seeds.truncatedNormal(0.02), name: GPT_LAYER_NAMES.head })
    .apply(normalized) as tf.SymbolicTensor; // [B, T, V]
  return tf.model({ inputs: tokens, outputs: logits, name: 'gpt' });
}

function checkConfig(c: GptConfig): void {
  for (const key of ['vocabularySize', 'contextLength', 'layers', 'heads', 'units'] as const) {
    if (!Number.isInteger(c[key]) || c[key] <= 0) throw new Error(`gpt: ${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.units % c.heads !== 0) throw new Error(`gpt: heads (${c.heads}) must divide units (${c.units})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`gpt: dropout must be in [0, 1), got ${c.dropout}`);
}
