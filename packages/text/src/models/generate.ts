import * as tf from '@selfsup/core/tf';
import { createRandom, type KeyValueCache, type LearnedPositionalEmbedding, TransformerEncoderBlock } from '@selfsup/core';
import { GPT_LAYER_NAMES } from './gpt.js';
import { SAMPLING_DEFAULTS, type SamplingOptions, sampleToken } from './sample-token.js';

/** Defaults of `generate`: 100 new tokens sampled at temperature 1 from seed 0. */
export const GENERATE_DEFAULTS = Object.freeze({ ...SAMPLING_DEFAULTS, maxNewTokens: 100, seed: 0 });

export interface GenerateOptions extends SamplingOptions {
  /** Tokens to add after the prompt. Default 100. */
  maxNewTokens?: number;
  /** Seeds the sampling: the same seed gives the same text. Default 0. */
  seed?: number;
  /** Stop after this token (e.g. an end-of-text id); it is included in the result. */
  stopToken?: number;
  /** Use the key/value cache (default true); false recomputes the whole window every token (the reference the tests compare with). */
  cache?: boolean;
}

interface GptParts {
  tokens: tf.layers.Layer;
  positions: LearnedPositionalEmbedding;
  blocks: TransformerEncoderBlock[];
  finalNorm: tf.layers.Layer;
  head: tf.layers.Layer;
}

/**
 * Continues `prompt` (token ids) with a GPT built by `gpt()` (or loaded from a checkpoint
 * of one): each new token is drawn by `sampleToken` from the logits of the last position.
 * With the key/value cache each token costs one position through every block; once the
 * text outgrows the context, the window slides (the last `contextLength` tokens, recomputed),
 * as nanoGPT crops. Returns the new tokens only.
 *
 * @example
 * const model = gpt({ vocabularySize: 65, contextLength: 64, layers: 2, heads: 2, units: 32, dropout: 0 });
 * const ids = generate(model, tokenizer.encode('Call me '), { maxNewTokens: 40, temperature: 0.8, topK: 10 });
 * console.log(tokenizer.decode(ids));
 */
export function generate(model: tf.LayersModel, prompt: readonly number[], options: GenerateOptions = {}): number[] {
  const { maxNewTokens, seed, stopToken, cache = true, ...sampling } = { ...GENERATE_DEFAULTS, ...options };
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) throw new Error(`generate: maxNewTokens must be an integer >= 0, got ${maxNewTokens}`);
  const parts = gptParts(model);
  const vocabulary = parts.head.getConfig().units as number;
  if (prompt.length === 0) throw new Error('generate: prompt must have at least one token');
  prompt.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= vocabulary)
      throw new Error(`generate: prompt[${i}] = ${id} is not a token id in [0, ${vocabulary})`);
  });
  const random = createRandom(seed);
  const contextLength = parts.positions.maxLength;
  const text = [...prompt];
  const added: number[] = [];
  let caches: KeyValueCache[] = [];
  let cachedLength = 0;
  try {
    while (added.length < maxNewTokens) {
      if (!cache || text.length > contextLength) {
        freeCaches(caches);
        caches = [];
        cachedLength = 0;
      }
      const start = Math.max(cachedLength, text.length - contextLength);
      const step = runBlocks(parts, text.slice(start), start - Math.max(0, text.length - contextLength), caches);
      freeCaches(caches);
      caches = step.caches;
      cachedLength = text.length;
      const next = sampleToken(step.logits, random, sampling);
      text.push(next);
      added.push(next);
      if (next === stopToken) break;
    }
  } finally {
    freeCaches(caches);
  }
  return added;
}

/** The new positions through the model after `caches`; the last position's logits and the grown caches. */
function runBlocks(parts: GptParts, ids: number[], offset: number, caches: KeyValueCache[]): { logits: Float32Array; caches: KeyValueCache[] } {
  const { logits, keys, values } = tf.tidy(() => {
    const tokens = tf.tensor2d(ids, [1, ids.length], 'int32'); // [1, t]
    let x = parts.positions.applyFrom(parts.tokens.apply(tokens) as tf.Tensor3D, offset); // [1, t, C]
    const keys: tf.Tensor4D[] = [];
    const values: tf.Tensor4D[] = [];
    parts.blocks.forEach((block, i) => {
      const step = block.extend(x, caches[i]);
      x = step.output;
      keys.push(step.cache.keyTransposed);
      values.push(step.cache.value);
    });
    const last = tf.slice(x, [0, ids.length - 1, 0], [1, 1, x.shape[2]]); // [1, 1, C]
    return { logits: parts.head.apply(parts.finalNorm.apply(last)) as tf.Tensor, keys, values }; // logits [1, 1, V]
  });
  const lastLogits = logits.dataSync() as Float32Array;
  logits.dispose();
  return { logits: lastLogits, caches: keys.map((keyTransposed, i) => ({ keyTransposed, value: values[i] })) };
}

function freeCaches(caches: KeyValueCache[]): void {
  for (const { keyTransposed, value } of caches) tf.dispose([keyTransposed, value]);
}

function gptParts(model: tf.LayersModel): GptParts {
  const find = (name: string) => {
    const layer = model.layers.find((l) => l.name === name);
    if (!layer) throw new Error(`generate: the model has no layer '${name}'; pass a model built by gpt() (or loaded from a checkpoint of one)`);
    return layer;
  };
  const blocks = model.layers.filter((l): l is TransformerEncoderBlock => l instanceof TransformerEncoderBlock);
  if (blocks.some((block) => !block.causal)) throw new Error("generate: the model's blocks must be causal (a GPT); this one attends both ways");
  return {
    tokens: find(GPT_LAYER_NAMES.tokens),
    positions: find(GPT_LAYER_NAMES.positions) as LearnedPositionalEmbedding,
    blocks,
    finalNorm: find(GPT_LAYER_NAMES.finalNorm),
    head: find(GPT_LAYER_NAMES.head),
  };
}
