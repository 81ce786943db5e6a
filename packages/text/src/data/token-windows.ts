import { type BatchSource, batchLoader, createRandom, deriveSeed } from '@selfsup/core';
import type { TokenSequences } from '../methods/text-method.js';

export interface TokenWindowsOptions {
  /** The token stream (a corpus encoded end to end). */
  tokens: ArrayLike<number>;
  /** Tokens the model sees; each window holds contextLength + 1 (inputs and the next token). */
  contextLength: number;
  batchSize: number;
}

/**
 * Windows of `contextLength + 1` consecutive tokens of a stream, for causal language
 * modelling: the stream cut every `contextLength` tokens, from an offset in
 * [0, contextLength) drawn per epoch so that window boundaries move between epochs (as
 * nanoGPT's random offsets do), the windows shuffled per epoch by the trainer's seed
 * (core's `batchLoader`). Deterministic for (seed, epoch), so a resumed run sees the same
 * batches.
 *
 * @example
 * const tokens = tokenizer.encode(mobyDick);
 * const data = tokenWindows({ tokens, contextLength: 64, batchSize: 64 });
 * await train({ method: causalLanguageModeling({ model }), data, optimizer, steps: 2000 });
 */
export function tokenWindows({ tokens, contextLength, batchSize }: TokenWindowsOptions): BatchSource<TokenSequences> {
  if (!Number.isInteger(contextLength) || contextLength < 1)
    throw new Error(`tokenWindows: contextLength must be a positive integer, got ${contextLength}`);
  // Room for every offset in [0, contextLength): the last window must end inside the stream.
  const windows = Math.floor((tokens.length - 1 - (contextLength - 1)) / contextLength);
  if (windows < 1) {
    throw new Error(
      `tokenWindows: ${tokens.length} tokens are too few for one window of contextLength ${contextLength} (need at least ${2 * contextLength})`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > windows) {
    throw new Error(
      `tokenWindows: batchSize must be an integer in [1, ${windows}] (the windows of ${contextLength} tokens in this stream), got ${batchSize}`,
    );
  }
  return batchLoader<TokenSequences>({
    size: windows,
    batchSize,
    load: (indices, { seed, epoch }) => {
      const offset = createRandom(deriveSeed(deriveSeed(seed, epoch), 1)).integer(contextLength);
      const sequences = indices.map((i) => Array.from({ length: contextLength + 1 }, (_, t) => tokens[offset + i * contextLength + t]));
      return { sequences };
    },
    dispose: () => {},
  });
}
