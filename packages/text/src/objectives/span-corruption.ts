import { assertInteger, type SeededRandom } from '@selfsup/core';
import { assertRandom, assertTokenIds } from './collator-checks.js';
import { RANDOM_SPANS_DEFAULTS, type RandomSpansOptions, randomSpansNoiseMask } from './random-spans-noise-mask.js';

/** Defaults of `spanCorruption`: T5's (Raffel et al. 2020). */
export const SPAN_CORRUPTION_DEFAULTS = Object.freeze({
  ...RANDOM_SPANS_DEFAULTS,
  /** Sentinel tokens at the top of the vocabulary: T5's 100 `extra_ids` (`<extra_id_0>` ... `<extra_id_99>`). */
  sentinelCount: 100,
});

export interface SpanCorruptionOptions extends RandomSpansOptions {
  /**
   * The model's vocabulary size, sentinels included: sentinel i (`<extra_id_i>`) is id
   * vocabSize - 1 - i, as in T5 (32,000 SentencePiece pieces + 100 extra ids = 32,100, and
   * `<extra_id_0>` is 32,099). For a tokenizer trained here: `tokenizer.vocabSize + 100`.
   */
  vocabSize: number;
  sentinelCount?: number;
  /** End-of-sequence id appended to inputs and targets, as T5's output features do (`add_eos`); none when omitted. */
  eosTokenId?: number;
}

export interface SpanCorruptedTokens {
  /** The tokens with each noise span replaced by one sentinel (+ EOS). */
  inputs: number[];
  /** Each noise span after its sentinel (+ EOS). */
  targets: number[];
  /** 1 at the noise tokens of the original sequence. */
  noiseMask: Uint8Array;
}

const FN = 'spanCorruption';

/** T5's `noise_span_to_unique_sentinel`: each run of marked tokens becomes the next sentinel (vocabSize - 1, - 2, ...). */
function spansToSentinels(tokenIds: readonly number[], marked: (i: number) => boolean, vocabSize: number): number[] {
  const out: number[] = [];
  let sentinel = vocabSize - 1;
  for (let i = 0; i < tokenIds.length; i++) {
    if (!marked(i)) out.push(tokenIds[i]);
    else if (i === 0 || !marked(i - 1)) out.push(sentinel--);
  }
  return out;
}

/**
 * Inputs and targets of T5's span corruption for a given noise mask: inputs are the tokens
 * with each noise span replaced by one sentinel (T5's `noise_span_to_unique_sentinel`),
 * targets are the tokens with each kept span replaced by one sentinel
 * (`nonnoise_span_to_unique_sentinel`), i.e. `<extra_id_0>` span 0 `<extra_id_1>` span 1 ...
 * Because `randomSpansNoiseMask` starts with kept tokens and ends with noise, the targets
 * start with `<extra_id_0>` and end with the last span, with no final sentinel; T5 then
 * appends EOS to both (`eosTokenId`). A mask ending with kept tokens gives a final
 * sentinel in the targets, as T5's functions do (the paper's Figure 2: `<X> for inviting <Y> last <Z>`).
 *
 * @example
 * // tokens 10..15, noise at 1-2 and 4, vocabulary 100: sentinels 99, 98
 * spanCorruptionFromMask([10, 11, 12, 13, 14, 15], Uint8Array.of(0, 1, 1, 0, 1, 0), { vocabSize: 100, sentinelCount: 10 });
 * // inputs [10, 99, 13, 98, 15], targets [99, 11, 12, 98, 14, 97]
 */
export function spanCorruptionFromMask(
  tokenIds: readonly number[],
  noiseMask: ArrayLike<number>,
  options: Pick<SpanCorruptionOptions, 'vocabSize' | 'sentinelCount' | 'eosTokenId'>,
): SpanCorruptedTokens {
  const fn = 'spanCorruptionFromMask';
  assertTokenIds(fn, 'tokenIds', tokenIds);
  if (noiseMask === null || typeof noiseMask !== 'object' || noiseMask.length !== tokenIds.length) {
    throw new Error(
      `${fn}: noiseMask must have one entry per token (${tokenIds.length}), got ${noiseMask === null || typeof noiseMask !== 'object' ? String(noiseMask) : `length ${noiseMask.length}`}`,
    );
  }
  const { vocabSize, eosTokenId } = options ?? ({} as SpanCorruptionOptions);
  const sentinelCount = options.sentinelCount ?? SPAN_CORRUPTION_DEFAULTS.sentinelCount;
  assertInteger(fn, 'options.vocabSize', vocabSize, 1);
  assertInteger(fn, 'options.sentinelCount', sentinelCount, 1);
  const firstSentinel = vocabSize - sentinelCount;
  if (firstSentinel < 0) throw new Error(`${fn}: options.sentinelCount (${sentinelCount}) must be below options.vocabSize (${vocabSize})`);
  const tooHigh = tokenIds.findIndex((id) => id >= firstSentinel);
  if (tooHigh >= 0) {
    throw new Error(
      `${fn}: tokenIds[${tooHigh}] is ${tokenIds[tooHigh]}, among the sentinel ids [${firstSentinel}, ${vocabSize}): pass the vocabulary size with the sentinels (tokenizer.vocabSize + ${sentinelCount})`,
    );
  }
  if (eosTokenId !== undefined) assertInteger(fn, 'options.eosTokenId', eosTokenId, 0);
  const noise = (i: number) => noiseMask[i] === 1;
  const inputs = spansToSentinels(tokenIds, noise, vocabSize);
  const targets = spansToSentinels(tokenIds, (i) => !noise(i), vocabSize);
  const spans = Math.max(countRuns(noiseMask, 1), countRuns(noiseMask, 0));
  if (spans > sentinelCount) {
    throw new Error(`${fn}: ${spans} spans need ${spans} sentinels, more than options.sentinelCount (${sentinelCount})`);
  }
  if (eosTokenId !== undefined) {
    inputs.push(eosTokenId);
    targets.push(eosTokenId);
  }
  return { inputs, targets, noiseMask: Uint8Array.from(noiseMask) };
}

function countRuns(mask: ArrayLike<number>, value: number): number {
  let runs = 0;
  for (let i = 0; i < mask.length; i++) if ((mask[i] === 1 ? 1 : 0) === value && (i === 0 || (mask[i - 1] === 1 ? 1 : 0) !== value)) runs++;
  return runs;
}

/**
 * T5's span-corruption objective for one sequence (Raffel et al. 2020, "Exploring the Limits
 * of Transfer Learning with a Unified Text-to-Text Transformer", section 3.1.4; T5's
 * `span_corruption` preprocessor): draw the noise mask with `randomSpansNoiseMask` (15% of
 * the tokens in spans of mean length 3), then `spanCorruptionFromMask`: inputs = the tokens
 * with each noise span replaced by one sentinel `<extra_id_i>` (id vocabSize - 1 - i),
 * targets = `<extra_id_0>` span 0 `<extra_id_1>` span 1 ... (no final sentinel, the mask
 * ending with noise), and EOS after both when `eosTokenId` is given.
 *
 * @param tokenIds One sequence, [T], without EOS.
 * @param random The step's generator (`context.random`).
 *
 * @example
 * const vocabSize = tokenizer.vocabSize + 100; // the sentinels above the tokenizer's ids
 * const { inputs, targets } = spanCorruption(tokenizer.encode(text), createRandom(0), { vocabSize });
 */
export function spanCorruption(tokenIds: readonly number[], random: SeededRandom, options: SpanCorruptionOptions): SpanCorruptedTokens {
  assertTokenIds(FN, 'tokenIds', tokenIds);
  assertRandom(FN, random);
  if (options === null || typeof options !== 'object') throw new Error(`${FN}: options must be an object with vocabSize`);
  assertInteger(FN, 'options.vocabSize', options.vocabSize, 1);
  const noiseMask = randomSpansNoiseMask(tokenIds.length, random, options);
  return spanCorruptionFromMask(tokenIds, noiseMask, options);
}
