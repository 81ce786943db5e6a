import * as tf from '@selfsup/core/tf';
import type { FeatureMatrix, LearnedPositionalEmbedding } from '@selfsup/core';
import { BERT_LAYER_NAMES } from '../models/bert.js';
import { ENCODER_DECODER_LAYER_NAMES } from '../models/encoder-decoder.js';
import { GPT_LAYER_NAMES } from '../models/gpt.js';

/** Defaults of `textEmbeddings`. */
export const TEXT_EMBEDDINGS_DEFAULTS = Object.freeze({
  /** Texts per forward pass (texts of similar length are batched together). */
  batchSize: 32,
  /** Fills the positions after a text's last token; it never changes the features (see `textEmbeddings`). */
  padId: 0,
  /** The mean of the hidden states over the text's tokens. */
  pooling: 'mean' as TextPooling,
});

/**
 * How a text's hidden states [T, C] become one feature vector [C]:
 * - `mean`: their mean over the text's tokens (padding left out), the default;
 * - `first`: the first position ([CLS] for BERT; for a GPT it has seen one token only);
 * - `last`: the text's last token (for a GPT, the only position that has seen the whole text).
 */
export type TextPooling = 'mean' | 'first' | 'last';

/** The models `textEmbeddings` reads, told apart by their layer names. */
export type TextEncoderKind = 'bert' | 'encoder-decoder' | 'gpt';

export interface TextEmbeddingsOptions {
  /**
   * Tokens read per text: a longer list keeps its first `maxLength` ids (frame texts with
   * `encoderInputIds` first to keep their end token). Default and most: the model's
   * position table (its context length).
   */
  maxLength?: number;
  /** Id written at padded positions. Default 0. */
  padId?: number;
  /** Texts per forward pass. Default 32. */
  batchSize?: number;
  /** Default 'mean'. */
  pooling?: TextPooling;
}

interface EncoderLayout {
  kind: TextEncoderKind;
  /** The layer whose output are the hidden states. */
  hidden: string;
  tokens: string;
  positions: string;
  /** Inputs of the features model: ids (+ segments) (+ padding mask). */
  inputs: number;
}

const LAYOUTS: readonly EncoderLayout[] = [
  { kind: 'bert', hidden: BERT_LAYER_NAMES.finalNorm, tokens: BERT_LAYER_NAMES.tokens, positions: BERT_LAYER_NAMES.positions, inputs: 3 },
  {
    kind: 'encoder-decoder',
    hidden: ENCODER_DECODER_LAYER_NAMES.encoderNorm,
    tokens: ENCODER_DECODER_LAYER_NAMES.tokens,
    positions: ENCODER_DECODER_LAYER_NAMES.encoderPositions,
    inputs: 2,
  },
  { kind: 'gpt', hidden: GPT_LAYER_NAMES.finalNorm, tokens: GPT_LAYER_NAMES.tokens, positions: GPT_LAYER_NAMES.positions, inputs: 1 },
];

interface FeaturesModel {
  kind: TextEncoderKind;
  /** The model's inputs (those it needs) to the hidden states [B, T, C]. */
  model: tf.LayersModel;
  vocabularySize: number;
  contextLength: number;
}

/** One features model per model given (they share its layers; building one is not free). */
const featuresModels = new WeakMap<tf.LayersModel, FeaturesModel>();

const FN = 'textEmbeddings';

/**
 * Which text model `model` is, by its layer names: a BERT (`bert()`'s pre-training model or
 * encoder), an encoder-decoder (`t5()`, `bart()`: the whole model or its encoder) or a GPT.
 *
 * @example
 * textEncoderKind(bert({ vocabularySize: 100, contextLength: 16, layers: 1, heads: 2, units: 8 }).encoder); // 'bert'
 */
export function textEncoderKind(model: tf.LayersModel): TextEncoderKind {
  return featuresModelOf(model, 'textEncoderKind').kind;
}

/**
 * The features of texts under a frozen text encoder: each text's token ids go through the
 * model in inference mode, and its hidden states after the final layer norm are pooled into
 * one vector, by default their mean over the text's tokens (`pooling: 'mean'`; `'first'`
 * takes [CLS], `'last'` the last token).
 *
 * What runs, by model (told apart by layer names, so a model reloaded with
 * `tf.loadLayersModel` works too):
 * - BERT (`bert()`'s `encoder` or `pretraining`): [ids, segments = 0, padding mask] to the
 *   states of `bert_final_norm`; the heads are not run.
 * - T5 / BART (`encoderDecoder()`'s `model` or `encoder`): [ids, padding mask] to the
 *   encoder's states (`encoder_final_norm`); the decoder is not run.
 * - GPT (`gpt()`): ids to the states of `gpt_final_norm`, before the head. A GPT has no
 *   padding mask and needs none: padding comes after the text, and causal attention never
 *   lets a position see later ones.
 *
 * So the padded positions change nothing: they are masked out (or never seen) by the model
 * and left out of the pooling, whatever `padId` holds and however long the batch is. Texts
 * are batched by length (the longest first) to pad little, and put back in input order.
 * Each batch runs in `tf.tidy` and is read back before the next: no tensor outlives the
 * call. The result is the core's `FeatureMatrix`, which `linearProbe` and `knnEvaluate`
 * take as is.
 *
 * @param model A model built by `bert`, `t5` / `bart` / `encoderDecoder` or `gpt`.
 * @param tokenIdLists One non-empty list of token ids per text, special tokens included
 *   (see `encoderInputIds` for the framing each objective pretrains on).
 * @returns [N, units] features, row i of text i.
 *
 * @example
 * const ids = emails.map((email) => encoderInputIds('bert', tokenizer.encode(email, { addSpecialTokens: false }), { specialTokens, maxLength: 128 }));
 * const features = await textEmbeddings(method.encoder, ids); // { values, count: emails.length, dimension: 256 }
 * const { accuracy } = await linearProbe({ trainFeatures: features, trainLabels, testFeatures, testLabels });
 */
export async function textEmbeddings(
  model: tf.LayersModel,
  tokenIdLists: readonly (readonly number[])[],
  options: TextEmbeddingsOptions = {},
): Promise<FeatureMatrix> {
  const features = featuresModelOf(model, FN);
  const maxLength = options.maxLength ?? features.contextLength;
  const padId = options.padId ?? TEXT_EMBEDDINGS_DEFAULTS.padId;
  const batchSize = options.batchSize ?? TEXT_EMBEDDINGS_DEFAULTS.batchSize;
  const pooling = options.pooling ?? TEXT_EMBEDDINGS_DEFAULTS.pooling;
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > features.contextLength) {
    throw new Error(`${FN}: maxLength must be an integer in [1, ${features.contextLength}] (the model's positions), got ${maxLength}`);
  }
  checkId('padId', padId, features.vocabularySize);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${FN}: batchSize must be a positive integer, got ${batchSize}`);
  if (!['mean', 'first', 'last'].includes(pooling)) throw new Error(`${FN}: pooling must be 'mean', 'first' or 'last', got ${String(pooling)}`);
  if (!Array.isArray(tokenIdLists) || tokenIdLists.length === 0) throw new Error(`${FN}: tokenIdLists must be a non-empty array of token id lists`);
  const lengths = tokenIdLists.map((ids, i) => {
    if (!Array.isArray(ids) || ids.length === 0) throw new Error(`${FN}: tokenIdLists[${i}] must be a non-empty array of token ids`);
    for (const id of ids) checkId(`tokenIdLists[${i}]`, id, features.vocabularySize);
    return Math.min(ids.length, maxLength);
  });

  const units = features.model.outputs[0].shape[2] as number;
  const values = new Float32Array(tokenIdLists.length * units);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  for (let start = 0; start < order.length; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    const width = lengths[rows[0]];
    const ids = new Int32Array(rows.length * width).fill(padId);
    const mask = new Float32Array(rows.length * width);
    const weights = new Float32Array(rows.length * width); // the pooling, as weights of the positions
    rows.forEach((row, b) => {
      const length = lengths[row];
      for (let t = 0; t < length; t++) {
        ids[b * width + t] = tokenIdLists[row][t];
        mask[b * width + t] = 1;
        if (pooling === 'mean') weights[b * width + t] = 1 / length;
      }
      if (pooling === 'first') weights[b * width] = 1;
      if (pooling === 'last') weights[b * width + length - 1] = 1;
    });
    const pooled = tf.tidy(() => {
      const idTensor = tf.tensor2d(ids, [rows.length, width], 'int32'); // [B, T]
      const maskTensor = tf.tensor2d(mask, [rows.length, width]); // [B, T]
      const inputs =
        features.kind === 'bert'
          ? [idTensor, tf.zerosLike(idTensor), maskTensor]
          : features.kind === 'encoder-decoder'
            ? [idTensor, maskTensor]
            : [idTensor];
      const hidden = features.model.apply(inputs, { training: false }) as tf.Tensor3D; // [B, T, C]
      const weightTensor = tf.tensor3d(weights, [rows.length, width, 1]); // [B, T, 1]
      return tf.sum(tf.mul(hidden, weightTensor), 1); // [B, C]
    });
    const data = (await pooled.data()) as Float32Array;
    pooled.dispose();
    rows.forEach((row, b) => {
      values.set(data.subarray(b * units, (b + 1) * units), row * units);
    });
  }
  return { values, count: tokenIdLists.length, dimension: units };
}

function checkId(name: string, id: number, vocabularySize: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= vocabularySize) {
    throw new Error(`${FN}: ${name} must hold token ids in [0, ${vocabularySize}) (the model's vocabulary), got ${id}`);
  }
}

function featuresModelOf(model: tf.LayersModel, fn: string): FeaturesModel {
  const cached = featuresModels.get(model);
  if (cached) return cached;
  if (!(model instanceof tf.LayersModel)) throw new Error(`${fn}: model must be a tf.LayersModel built by bert, t5, bart, encoderDecoder or gpt`);
  const names = new Set(model.layers.map((layer) => layer.name));
  const layout = LAYOUTS.find((candidate) => names.has(candidate.hidden) && names.has(candidate.positions) && names.has(candidate.tokens));
  if (!layout || model.inputs.length < layout.inputs) {
    throw new Error(
      `${fn}: '${model.name}' is not a model of bert, t5, bart, encoderDecoder or gpt (no layer ${LAYOUTS.map((l) => `'${l.hidden}'`).join(', ')} with its inputs)`,
    );
  }
  const hidden = model.getLayer(layout.hidden).output as tf.SymbolicTensor;
  const features: FeaturesModel = {
    kind: layout.kind,
    model:
      model.outputs.length === 1 && model.outputs[0] === hidden && model.inputs.length === layout.inputs
        ? model
        : tf.model({ inputs: model.inputs.slice(0, layout.inputs), outputs: hidden, name: `${model.name}_features` }),
    vocabularySize: (model.getLayer(layout.tokens).getConfig() as { inputDim: number }).inputDim,
    contextLength: (model.getLayer(layout.positions) as LearnedPositionalEmbedding).maxLength,
  };
  featuresModels.set(model, features);
  return features;
}
