import * as tf from '@selfsup/core/tf';
import { maskedCrossEntropy, trainableVariablesOf } from '@selfsup/core';
import type { SentencePairs } from '../data/sentence-pairs.js';
import { type BertModels, bertContextLength } from '../models/bert.js';
import { type MaskTokensOptions, maskTokens } from '../objectives/mask-tokens.js';
import { nextSentencePairs } from '../objectives/next-sentence-pairs.js';
import { padBatch, padSequences } from '../objectives/pad-batch.js';
import { maskedAccuracy } from './masked-accuracy.js';
import type { TextMethod } from './text-method.js';

export interface MaskedLanguageModelingOptions {
  /** The BERT to pretrain (`bert()`). */
  model: BertModels;
  padTokenId: number;
  classifierTokenId: number;
  separatorTokenId: number;
  maskTokenId: number;
  /** Never chosen for masking nor drawn as a random replacement. Default: [PAD] [CLS] [SEP] [MASK] (`bertTokenIds` adds [UNK]). */
  specialTokenIds?: readonly number[];
  /** Random replacements are drawn below it. Default: the model's vocabulary. */
  vocabSize?: number;
  /** Tokens chosen for prediction: `MASK_TOKENS_DEFAULTS.maskProbability`, BERT's 0.15 (80% [MASK], 10% random, 10% kept). */
  maskProbability?: number;
  /** Mask whole words (all their `##` pieces); needs `isContinuation`. Default false (BERT's first models). */
  wholeWords?: boolean;
  isContinuation?: MaskTokensOptions['isContinuation'];
  /** Share of pairs whose B is a sentence of another document: `NEXT_SENTENCE_DEFAULTS`, BERT's 0.5. */
  randomNextProbability?: number;
}

/**
 * BERT's pre-training (Devlin et al. 2019, section 3.1): for each pair of consecutive
 * sentences (`sentencePairs`), B is replaced by the other document's sentence with
 * probability 0.5 (`nextSentencePairs`), the pair is packed as [CLS] A [SEP] B [SEP]
 * (truncated longest-first to the model's positions) and 15% of its tokens are chosen for
 * prediction (`maskTokens`: 80% [MASK], 10% random, 10% kept; whole words optionally).
 * The loss is the masked tokens' cross-entropy plus the next-sentence cross-entropy (terms
 * `mlm`, `nsp`; metrics `mlmAccuracy`, `nspAccuracy`). All draws come from the step's
 * `context.random`; no state. Batches are padded to their longest pair.
 *
 * @example
 * const model = bert({ vocabularySize: tokenizer.vocabSize, contextLength: 128, layers: 4, heads: 4, units: 256 });
 * const method = maskedLanguageModeling({ model, ...bertTokenIds(tokenizer) });
 * await train({ method, data: sentencePairs({ documents, batchSize: 32 }), optimizer: new AdamW({ learningRate: 1e-3 }), steps: 1000 });
 */
export function maskedLanguageModeling(options: MaskedLanguageModelingOptions): TextMethod<SentencePairs> {
  const { model, padTokenId, classifierTokenId, separatorTokenId, maskTokenId } = options;
  const { pretraining, encoder } = model;
  const vocabSize = options.vocabSize ?? (pretraining.outputs[0].shape[2] as number);
  const maxLength = bertContextLength(pretraining);
  const pairOptions = { classifierTokenId, separatorTokenId, maxLength, randomNextProbability: options.randomNextProbability };
  const maskOptions: MaskTokensOptions = {
    maskTokenId,
    vocabSize,
    specialTokenIds: options.specialTokenIds ?? [padTokenId, classifierTokenId, separatorTokenId, maskTokenId],
    padTokenId,
    maskProbability: options.maskProbability,
    wholeWords: options.wholeWords,
    isContinuation: options.isContinuation,
  };
  // The collators check their ids; checking them here names the method at construction.
  for (const [name, id] of Object.entries({ padTokenId, classifierTokenId, separatorTokenId, maskTokenId })) {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize)
      throw new Error(`maskedLanguageModeling: ${name} must be an integer in [0, ${vocabSize}), got ${id}`);
  }
  return {
    name: 'bert',
    encoder,
    trainableVariables: () => trainableVariablesOf(pretraining),
    prepare: ({ pairs }, { random }) => {
      if (pairs.length === 0) throw new Error('maskedLanguageModeling: a batch must hold at least one sentence pair');
      // Each pair is its own two documents: [A, next] and [other], so that B is the next sentence or the other one.
      const packed = pairs.map(({ first, next, other }) => nextSentencePairs([[first, next], [other]], random, pairOptions)[0]);
      const masked = packed.map(({ tokenIds }) => maskTokens(tokenIds, random, maskOptions));
      const { tokenIds, attentionMask } = padBatch(
        masked.map((m) => m.tokenIds),
        { padTokenId },
      ); // [B, T] x 2
      const paddingMask = tf.cast(attentionMask, 'float32'); // [B, T]
      attentionMask.dispose();
      const segmentIds = padSequences(
        packed.map((p) => p.segmentIds),
        { padValue: 0 },
      ); // [B, T]
      const labels = padSequences(
        masked.map((m) => m.labels),
        { padValue: -100 },
      ); // [B, T]
      const nextSentenceLabels = tf.tensor1d(
        packed.map((p) => p.nextSentenceLabel),
        'int32',
      ); // [B]
      return [tokenIds, segmentIds, paddingMask, labels, nextSentenceLabels];
    },
    forward: ([tokenIds, segmentIds, paddingMask], context) =>
      pretraining.apply([tokenIds, segmentIds, paddingMask], { training: true, context }) as tf.Tensor[], // [B, T, V], [B, 2]
    loss: ([mlmLogits, nspLogits], [, , , labels, nextSentenceLabels]) => {
      const mlm = maskedCrossEntropy(mlmLogits, labels);
      const nsp = maskedCrossEntropy(nspLogits, nextSentenceLabels);
      const loss = tf.add(mlm, nsp) as tf.Scalar;
      const metrics = { mlmAccuracy: maskedAccuracy(mlmLogits, labels), nspAccuracy: maskedAccuracy(nspLogits, nextSentenceLabels) };
      return { loss, terms: { mlm, nsp }, metrics };
    },
    models: () => ({ bert: pretraining }),
    dispose: () => {},
  };
}
