import { SPAN_CORRUPTION_DEFAULTS, spanCorruption } from '../objectives/span-corruption.js';
import { noiseSpanCounts, type RandomSpansOptions } from '../objectives/random-spans-noise-mask.js';
import type { SentenceBlocks } from '../data/sentence-blocks.js';
import type { EncoderDecoderModels } from '../models/encoder-decoder.js';
import { sequenceToSequenceMethod } from './sequence-to-sequence-method.js';
import type { TextMethod } from './text-method.js';

export interface SpanCorruptionDenoisingOptions extends RandomSpansOptions {
  /** The encoder-decoder to pretrain (`t5()`); its vocabulary holds the sentinels at the top: the tokenizer's + `sentinelCount`. */
  model: EncoderDecoderModels;
  /** Padding, and the decoder's start token (T5's `decoder_start_token_id` is its pad id, 0). */
  padTokenId: number;
  /** Ends inputs and targets (T5's EOS, id 1). */
  eosTokenId: number;
  /** Sentinels `<extra_id_i>` = vocabulary - 1 - i: `SPAN_CORRUPTION_DEFAULTS.sentinelCount`, T5's 100. */
  sentinelCount?: number;
}

/**
 * T5's span-corruption pre-training (Raffel et al. 2020, section 3.1.4 and 3.7): each block
 * of tokens (`sentenceBlocks`, read as one sequence) loses 15% of its tokens in spans of
 * mean length 3 (`spanCorruption`: T5's exact counts); the encoder reads the tokens with
 * each span replaced by a sentinel, plus EOS; the decoder, fed the targets shifted right
 * behind the pad id, writes each sentinel followed by its span, plus EOS. Loss: the targets'
 * cross-entropy (term `spans`, metric `accuracy`). Departure: T5 packs C4's token stream
 * into 568-token chunks across documents (`spanCorruptionLengths(512)`); here blocks of
 * whole sentences of one document, padded per batch.
 *
 * @example
 * const { tokens } = spanCorruptionLengths(128); // 141 tokens per block give inputs of at most 128
 * const model = t5({ vocabularySize: tokenizer.vocabSize + 100, encoderLength: 128, decoderLength: 32, encoderLayers: 2, decoderLayers: 2, heads: 4, units: 128 });
 * const method = spanCorruptionDenoising({ model, padTokenId: 0, eosTokenId: 1 });
 * await train({ method, data: sentenceBlocks({ documents, maxTokens: tokens, batchSize: 32 }), optimizer, steps: 1000 });
 */
export function spanCorruptionDenoising(options: SpanCorruptionDenoisingOptions): TextMethod<SentenceBlocks> {
  const { model, padTokenId, eosTokenId } = options;
  const vocabSize = model.model.outputs[0].shape[2] as number;
  const corruption = {
    vocabSize,
    eosTokenId,
    sentinelCount: options.sentinelCount ?? SPAN_CORRUPTION_DEFAULTS.sentinelCount,
    noiseDensity: options.noiseDensity,
    meanNoiseSpanLength: options.meanNoiseSpanLength,
  };
  if (!Number.isInteger(eosTokenId) || eosTokenId < 0 || eosTokenId >= vocabSize - corruption.sentinelCount) {
    throw new Error(
      `spanCorruptionDenoising: eosTokenId must be an integer in [0, ${vocabSize - corruption.sentinelCount}) (below the sentinels), got ${eosTokenId}`,
    );
  }
  return sequenceToSequenceMethod({
    name: 't5',
    fn: 'spanCorruptionDenoising',
    model,
    padTokenId,
    decoderStartTokenId: padTokenId,
    term: 'spans',
    corrupt: ({ blocks }, random) => blocks.map((block) => spanCorruption(block.flat(), random, corruption)),
  });
}

/**
 * T5's `random_spans_helper`: the most tokens a sequence may have for its span-corrupted
 * inputs (kept tokens + one sentinel per span + EOS) to fit `inputsLength`, and the length of
 * its targets (noise tokens + one sentinel per span + EOS). T5 pre-trains with 512: 568
 * tokens, targets of 114.
 *
 * @example
 * spanCorruptionLengths(512); // { tokens: 568, targets: 114 }
 */
export function spanCorruptionLengths(inputsLength: number, options: RandomSpansOptions = {}): { tokens: number; targets: number } {
  if (!Number.isInteger(inputsLength) || inputsLength < 3)
    throw new Error(`spanCorruptionLengths: inputsLength must be an integer >= 3, got ${inputsLength}`);
  const lengths = (tokens: number) => {
    const { noiseTokens, noiseSpans, nonNoiseTokens } = noiseSpanCounts(tokens, options);
    return { inputs: nonNoiseTokens + noiseSpans + 1, targets: noiseTokens + noiseSpans + 1 };
  };
  let tokens = inputsLength - 1;
  while (lengths(tokens + 1).inputs <= inputsLength) tokens++;
  return { tokens, targets: lengths(tokens).targets };
}
