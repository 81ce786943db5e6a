import type { SentenceBlocks } from '../data/sentence-blocks.js';
import type { EncoderDecoderModels } from '../models/encoder-decoder.js';
import { type BartNoiseOptions, bartNoise } from '../objectives/bart-noise.js';
import { sequenceToSequenceMethod } from './sequence-to-sequence-method.js';
import type { TextMethod } from './text-method.js';

export interface BartDenoisingOptions extends BartNoiseOptions {
  /** The encoder-decoder to pretrain (`bart()`). */
  model: EncoderDecoderModels;
  padTokenId: number;
  /** First decoder input: BART's `decoder_start_token_id` is EOS (fairseq's `prev_output_tokens` start with </s>). Default `eosTokenId`. */
  decoderStartTokenId?: number;
}

/**
 * BART's denoising pre-training (Lewis et al. 2020, sections 2.2 and 5.1): each block of
 * whole sentences (`sentenceBlocks`) is corrupted by `bartNoise` with BART-large's noise:
 * all sentences permuted and 30% of the tokens masked by text infilling (Poisson(3) spans,
 * each one [MASK], zero-length spans inserting one); the encoder reads the corrupted
 * `BOS ... EOS`, the decoder, fed the original shifted right behind EOS, reconstructs the
 * original `BOS sentences EOS`. Loss: its cross-entropy (term `reconstruction`, metric
 * `accuracy`). Spans count tokens unless `isWordStart` is given (fairseq's whole words).
 *
 * @example
 * const model = bart({ vocabularySize: tokenizer.vocabSize, encoderLength: 128, decoderLength: 128, encoderLayers: 2, decoderLayers: 2, heads: 4, units: 128 });
 * const method = bartDenoising({ model, bosTokenId: 0, padTokenId: 1, eosTokenId: 2, maskTokenId: 3 });
 * await train({ method, data: sentenceBlocks({ documents, maxTokens: 126, batchSize: 32 }), optimizer, steps: 1000 });
 */
export function bartDenoising(options: BartDenoisingOptions): TextMethod<SentenceBlocks> {
  const { model, padTokenId, decoderStartTokenId, ...noise } = options;
  const vocabularySize = model.model.outputs[0].shape[2] as number;
  for (const name of ['bosTokenId', 'eosTokenId', 'maskTokenId'] as const) {
    const id = noise[name];
    if (!Number.isInteger(id) || id < 0 || id >= vocabularySize)
      throw new Error(`bartDenoising: ${name} must be an integer in [0, ${vocabularySize}), got ${id}`);
  }
  return sequenceToSequenceMethod({
    name: 'bart',
    fn: 'bartDenoising',
    model,
    padTokenId,
    decoderStartTokenId: decoderStartTokenId ?? noise.eosTokenId,
    term: 'reconstruction',
    corrupt: ({ blocks }, random) => blocks.map((block) => bartNoise(block, random, noise)),
  });
}
