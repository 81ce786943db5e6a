import type * as tf from '@selfsup/core/tf';
import type { Method } from '@selfsup/core';

/**
 * A text method: the trainer's contract plus the encoder it pretrains (what probes,
 * `selfsup embed` and generation use), over batches of token-id sequences.
 *
 * @example
 * const method: TextMethod = causalLanguageModeling({ model: gpt({ vocabularySize: 65, contextLength: 64, layers: 4, heads: 4, units: 128 }) });
 */
export interface TextMethod<Batch = TokenSequences> extends Method<Batch> {
  /** The network being pretrained (the whole GPT; BERT's, T5's or BART's encoder). */
  encoder: tf.LayersModel;
  /** Frees every model the method created (not the ones it was given). */
  dispose(): void;
}

/**
 * A batch of token-id sequences (windows of a token stream for a GPT, documents' sentences
 * for BERT, T5 and BART), as the data sources of this package yield them.
 */
export interface TokenSequences {
  sequences: readonly (readonly number[])[];
}
