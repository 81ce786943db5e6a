import * as tf from '@selfsup/core/tf';
import { Gelu, LayerNorm, LearnedPositionalEmbedding, TransformerEncoderBlock, WeightSeeds } from '@selfsup/core';
import { SelectFirstToken } from './select-first-token.js';

/**
 * BERT-base (Devlin et al. 2019, "BERT: Pre-training of Deep Bidirectional Transformers for
 * Language Understanding", section 3 and appendix A.2): the configuration of the paper's
 * 110M model. Recipes for a 2-core budget shrink it (see `TEXT_RECIPES.bert`).
 */
export const BERT_DEFAULTS: Readonly<BertConfig> = Object.freeze({
  /** bert-base-uncased's WordPiece vocabulary. */
  vocabularySize: 30522,
  /** Positions of the learned table (BERT's `max_position_embeddings`): the longest input, [CLS] and [SEP]s included. */
  contextLength: 512,
  layers: 12,
  heads: 12,
  /** Width of the residual stream (the MLP is 4x: BERT's 3072). */
  units: 768,
  /** On attention weights and residual branches in training: BERT's 0.1. */
  dropout: 0.1,
  /** Draws the initial weights (see `WeightSeeds`). */
  seed: 0,
});

/** A BERT's shape and initialisation (see `BERT_DEFAULTS` for each field). */
export interface BertConfig {
  vocabularySize: number;
  contextLength: number;
  layers: number;
  heads: number;
  units: number;
  dropout: number;
  seed: number;
}

/** Segments of BERT's sentence pairs (`type_vocab_size`): 0 for [CLS] A [SEP], 1 for B [SEP]. */
const SEGMENTS = 2;

/** The names of a BERT's inputs and layers, by which `bertEncoderOf` and the method find them again after a reload. */
export const BERT_LAYER_NAMES = Object.freeze({
  tokenIds: 'bert_token_ids',
  segmentIds: 'bert_segment_ids',
  paddingMask: 'bert_padding_mask',
  tokens: 'bert_token_embedding',
  segments: 'bert_segment_embedding',
  sum: 'bert_embedding_sum',
  positions: 'bert_position_embedding',
  embeddingNorm: 'bert_embedding_norm',
  block: (index: number) => `bert_block_${index}`,
  finalNorm: 'bert_final_norm',
  mlmDense: 'bert_mlm_dense',
  mlmActivation: 'bert_mlm_gelu',
  mlmNorm: 'bert_mlm_norm',
  mlmHead: 'bert_mlm_head',
  classifierToken: 'bert_classifier_token',
  pooler: 'bert_pooler',
  nspHead: 'bert_nsp_head',
});

/** The two views of one BERT: they share every layer (training one trains the other). */
export interface BertModels {
  /**
   * Pre-training: [ids [B, T] int32, segments [B, T] int32, paddingMask [B, T] float32
   * (1 = token, 0 = padding)] to [mlmLogits [B, T, vocabularySize], nspLogits [B, 2]].
   * Its `dispose()` frees the encoder's weights too.
   */
  pretraining: tf.LayersModel;
  /** The same three inputs to the hidden states [B, T, units] after the final layer norm (probes, embeddings). */
  encoder: tf.LayersModel;
}

/**
 * BERT (Devlin et al. 2019) read bottom-up as in nanoGPT: token + segment + learned
 * position embeddings and a layer norm, `layers` bidirectional pre-LN Transformer blocks
 * that ignore padded keys, a final layer norm, then the two pre-training heads:
 *
 * - masked language modelling: dense(units) → GELU → layer norm → dense(vocabularySize),
 *   on every position (BERT's `cls/predictions`);
 * - next sentence prediction: the [CLS] position (0) → dense(units, tanh) (BERT's pooler)
 *   → dense(2) (`cls/seq_relationship`).
 *
 * Departures from BERT: pre-LN blocks with a final layer norm (Xiong et al. 2020; BERT is
 * post-LN), which train stably without BERT's long warm-up; the MLM output matrix is not
 * tied to the token embedding (a separate matrix); no dropout on the embeddings (only in
 * the blocks, as `gpt` here). Weights are drawn from a normal of deviation 0.02 truncated
 * at two deviations, as BERT's `initializer_range`.
 *
 * @example
 * const { pretraining, encoder } = bert({ vocabularySize: 4000, contextLength: 128, layers: 4, heads: 4, units: 256, dropout: 0.1 });
 * const ids = tf.tensor2d([[2, 17, 4, 3, 0]], [1, 5], 'int32');       // [CLS] call [MASK] [SEP] [PAD]
 * const segments = tf.zeros([1, 5], 'int32');
 * const mask = tf.tensor2d([[1, 1, 1, 1, 0]]);
 * const [mlmLogits, nspLogits] = pretraining.apply([ids, segments, mask]) as tf.Tensor[]; // [1, 5, 4000], [1, 2]
 * const hidden = encoder.apply([ids, segments, mask]) as tf.Tensor3D;                     // [1, 5, 256]
 */
export function bert(config: Partial<BertConfig> = {}): BertModels {
  const c = { ...BERT_DEFAULTS, ...config };
  checkConfig(c);
  const names = BERT_LAYER_NAMES;
  const seeds = new WeightSeeds(c.seed);
  const ids = tf.input({ shape: [null], dtype: 'int32', name: names.tokenIds }); // [B, T]
  const segmentIds = tf.input({ shape: [null], dtype: 'int32', name: names.segmentIds }); // [B, T]
  const paddingMask = tf.input({ shape: [null], dtype: 'float32', name: names.paddingMask }); // [B, T]
  const embedding = (name: string, rows: number) =>
    tf.layers.embedding({ inputDim: rows, outputDim: c.units, embeddingsInitializer: seeds.truncatedNormal(0.02), name });
  const tokens = embedding(names.tokens, c.vocabularySize).apply(ids) as tf.SymbolicTensor; // [B, T, C]
  const segments = embedding(names.segments, SEGMENTS).apply(segmentIds) as tf.SymbolicTensor; // [B, T, C]
  const summed = tf.layers.add({ name: names.sum }).apply([tokens, segments]) as tf.SymbolicTensor; // [B, T, C]
  const positioned = new LearnedPositionalEmbedding({ maxLength: c.contextLength, units: c.units, seed: seeds.next(), name: names.positions }).apply(
    summed,
  ) as tf.SymbolicTensor; // [B, T, C]
  let x = new LayerNorm({ name: names.embeddingNorm }).apply(positioned) as tf.SymbolicTensor; // [B, T, C]
  for (let i = 0; i < c.layers; i++) {
    const block = new TransformerEncoderBlock({ units: c.units, numHeads: c.heads, dropout: c.dropout, seed: seeds.next(), name: names.block(i) });
    x = block.apply([x, paddingMask]) as tf.SymbolicTensor; // [B, T, C]
  }
  const hidden = new LayerNorm({ name: names.finalNorm }).apply(x) as tf.SymbolicTensor; // [B, T, C]

  const dense = (units: number, name: string, activation?: 'tanh') =>
    tf.layers.dense({ units, activation, kernelInitializer: seeds.truncatedNormal(0.02), name });
  const transformed = dense(c.units, names.mlmDense).apply(hidden) as tf.SymbolicTensor; // [B, T, C]
  const activated = new Gelu({ name: names.mlmActivation }).apply(transformed) as tf.SymbolicTensor; // [B, T, C]
  const normalized = new LayerNorm({ name: names.mlmNorm }).apply(activated) as tf.SymbolicTensor; // [B, T, C]
  const mlmLogits = dense(c.vocabularySize, names.mlmHead).apply(normalized) as tf.SymbolicTensor; // [B, T, V]
  const classifier = new SelectFirstToken({ name: names.classifierToken }).apply(hidden) as tf.SymbolicTensor; // [B, C]
  const pooled = dense(c.units, names.pooler, 'tanh').apply(classifier) as tf.SymbolicTensor; // [B, C]
  const nspLogits = dense(2, names.nspHead).apply(pooled) as tf.SymbolicTensor; // [B, 2]

  const inputs = [ids, segmentIds, paddingMask];
  return {
    pretraining: tf.model({ inputs, outputs: [mlmLogits, nspLogits], name: 'bert' }),
    encoder: tf.model({ inputs, outputs: hidden, name: 'bert_encoder' }),
  };
}

/**
 * The encoder of a BERT pre-training model (as `bert()` returns it, or loaded back with
 * `tf.loadLayersModel`): its three inputs to the hidden states after the final layer norm,
 * sharing the layers.
 *
 * @example
 * const pretraining = await tf.loadLayersModel('file://run/checkpoints/step-2000/bert/model.json');
 * const encoder = bertEncoderOf(pretraining); // [ids, segments, paddingMask] -> [B, T, C]
 */
export function bertEncoderOf(pretraining: tf.LayersModel): tf.LayersModel {
  const names = pretraining.layers.map((layer) => layer.name);
  if (!names.includes(BERT_LAYER_NAMES.finalNorm) || pretraining.inputs.length !== 3) {
    throw new Error(
      `bertEncoderOf: pretraining must be a model built by bert() (three inputs and a layer '${BERT_LAYER_NAMES.finalNorm}'), got '${pretraining.name}' with ${pretraining.inputs.length} inputs`,
    );
  }
  return tf.model({
    inputs: pretraining.inputs,
    outputs: pretraining.getLayer(BERT_LAYER_NAMES.finalNorm).output as tf.SymbolicTensor,
    name: 'bert_encoder',
  });
}

/**
 * The positions of a BERT's learned table (its `contextLength`): the longest input it takes.
 *
 * @example
 * bertContextLength(bert({ contextLength: 128, layers: 1, heads: 2, units: 8 }).pretraining); // 128
 */
export function bertContextLength(model: tf.LayersModel): number {
  return (model.getLayer(BERT_LAYER_NAMES.positions) as LearnedPositionalEmbedding).maxLength;
}

function checkConfig(c: BertConfig): void {
  for (const key of ['vocabularySize', 'contextLength', 'layers', 'heads', 'units'] as const) {
    if (!Number.isInteger(c[key]) || c[key] <= 0) throw new Error(`bert: ${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.units % c.heads !== 0) throw new Error(`bert: heads (${c.heads}) must divide units (${c.units})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`bert: dropout must be in [0, 1), got ${c.dropout}`);
}
