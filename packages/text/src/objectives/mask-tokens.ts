import { assertFunction, assertInteger, assertProbability, MASKED_CROSS_ENTROPY_DEFAULTS, type SeededRandom } from '@selfsup/core';
import { assertRandom, assertTokenIds, tokenIdSet } from './collator-checks.js';
import { selectWholeWords } from './select-whole-words.js';

/** Defaults of `maskTokens`: BERT's masked language modelling (Devlin et al. 2019, section 3.1 and appendix A.1). */
export const MASK_TOKENS_DEFAULTS = Object.freeze({
  /** Share of the (non-special) tokens chosen for prediction: BERT's 15%. */
  maskProbability: 0.15,
  /** Of the chosen tokens, the share replaced by [MASK]: BERT's 80%. */
  maskReplaceProbability: 0.8,
  /** Of the chosen tokens, the share replaced by a random token: BERT's 10% (the other 10% stay unchanged). */
  randomReplaceProbability: 0.1,
  /** Choose whole words (all their `##` pieces) instead of single tokens: BERT's later "whole word masking" models. */
  wholeWords: false,
  /** Most tokens chosen per sequence with whole words: Hugging Face's `max_predictions=512` (Google's script uses 20 at length 128, 80 at 512). */
  maxPredictions: 512,
  /** Label of the positions not chosen: core's `maskedCrossEntropy` ignore index (-100, PyTorch's and Hugging Face's). */
  ignoreIndex: MASKED_CROSS_ENTROPY_DEFAULTS.ignoreIndex,
});

export interface MaskTokensOptions {
  /** Id of [MASK]. */
  maskTokenId: number;
  /** Tokens in the vocabulary: random replacements are drawn from [0, vocabSize) less the special tokens. */
  vocabSize: number;
  /** Tokens never chosen and never drawn as replacements ([CLS], [SEP], [PAD], [MASK], [UNK]). */
  specialTokenIds: readonly number[] | ReadonlySet<number>;
  /** Padding: never chosen (added to the special tokens), and not counted in the whole-word budget. */
  padTokenId?: number;
  maskProbability?: number;
  maskReplaceProbability?: number;
  randomReplaceProbability?: number;
  wholeWords?: boolean;
  /** With `wholeWords`: whether a token is a `##` continuation (`bertTokenIds(tokenizer).isContinuation`). */
  isContinuation?: (tokenId: number) => boolean;
  maxPredictions?: number;
  ignoreIndex?: number;
}

export interface MaskedTokens {
  /** The input with the chosen tokens replaced (80% [MASK], 10% random, 10% unchanged). */
  tokenIds: number[];
  /** The original id at the chosen positions, `ignoreIndex` elsewhere. */
  labels: number[];
}

const FN = 'maskTokens';

/**
 * BERT's masked language modelling input for one sequence (Devlin et al. 2019, "BERT:
 * Pre-training of Deep Bidirectional Transformers for Language Understanding", section 3.1),
 * with the semantics of Hugging Face's `DataCollatorForLanguageModeling.torch_mask_tokens`:
 *
 * 1. Choose: each token that is not special or padding independently with probability
 *    `maskProbability` (15%): a Bernoulli draw per token, so the share is 15% on average,
 *    not exactly. With `wholeWords`, `selectWholeWords` chooses round(n x 15%) tokens in
 *    whole words instead (`DataCollatorForWholeWordMask`).
 * 2. Replace each chosen token: with probability 0.8 by [MASK], 0.1 by a token drawn
 *    uniformly from the vocabulary's non-special tokens (Hugging Face draws from the whole
 *    vocabulary, special tokens included; we leave them out), otherwise left unchanged.
 * 3. Labels: the original id at the chosen positions, `ignoreIndex` (-100) elsewhere, for
 *    `maskedCrossEntropy`.
 *
 * Pure and seeded: everything is drawn from `random` (`context.random` in `prepare`), in
 * token order, so the same generator state gives the same result.
 *
 * @param tokenIds One sequence's ids, [T] (padding allowed).
 * @param random The step's generator.
 * @returns `{ tokenIds, labels }`, both [T].
 *
 * @example
 * const ids = bertTokenIds(tokenizer); // maskTokenId, vocabSize, specialTokenIds, padTokenId, isContinuation
 * const { tokenIds, labels } = maskTokens(tokenizer.encode('Call me Ishmael.'), createRandom(0), ids);
 * // whole words: maskTokens(sequence, random, { ...ids, wholeWords: true })
 */
export function maskTokens(tokenIds: readonly number[], random: SeededRandom, options: MaskTokensOptions): MaskedTokens {
  assertTokenIds(FN, 'tokenIds', tokenIds);
  assertRandom(FN, random);
  if (options === null || typeof options !== 'object')
    throw new Error(`${FN}: options must be an object with maskTokenId, vocabSize and specialTokenIds`);
  const { maskTokenId, vocabSize, padTokenId } = options;
  const d = MASK_TOKENS_DEFAULTS;
  const maskProbability = options.maskProbability ?? d.maskProbability;
  const maskReplace = options.maskReplaceProbability ?? d.maskReplaceProbability;
  const randomReplace = options.randomReplaceProbability ?? d.randomReplaceProbability;
  const ignoreIndex = options.ignoreIndex ?? d.ignoreIndex;
  const maxPredictions = options.maxPredictions ?? d.maxPredictions;
  assertInteger(FN, 'options.vocabSize', vocabSize, 1);
  assertInteger(FN, 'options.maskTokenId', maskTokenId, 0);
  if (maskTokenId >= vocabSize) throw new Error(`${FN}: options.maskTokenId must be below options.vocabSize (${vocabSize}), got ${maskTokenId}`);
  const special = tokenIdSet(FN, 'options.specialTokenIds', options.specialTokenIds);
  if (padTokenId !== undefined) {
    assertInteger(FN, 'options.padTokenId', padTokenId, 0);
    special.add(padTokenId);
  }
  special.add(maskTokenId);
  assertProbability(FN, 'options.maskProbability', maskProbability);
  assertProbability(FN, 'options.maskReplaceProbability', maskReplace);
  assertProbability(FN, 'options.randomReplaceProbability', randomReplace);
  if (maskReplace + randomReplace > 1 + 1e-12) {
    throw new Error(
      `${FN}: options.maskReplaceProbability + options.randomReplaceProbability must be at most 1, got ${maskReplace} + ${randomReplace}`,
    );
  }
  assertInteger(FN, 'options.ignoreIndex', ignoreIndex);
  assertInteger(FN, 'options.maxPredictions', maxPredictions, 1);
  let drawable = 0;
  for (let id = 0; id < vocabSize && drawable === 0; id++) if (!special.has(id)) drawable++;
  if (randomReplace > 0 && drawable === 0)
    throw new Error(`${FN}: options.vocabSize (${vocabSize}) leaves no non-special token to draw as a random replacement`);

  let chosen: Uint8Array;
  if (options.wholeWords ?? d.wholeWords) {
    assertFunction(FN, 'options.isContinuation', options.isContinuation, '(tokenId) => boolean');
    chosen = selectWholeWords(tokenIds, random, {
      isContinuation: options.isContinuation,
      excluded: special,
      probability: maskProbability,
      maxPredictions,
      padTokenId,
    });
  } else {
    chosen = new Uint8Array(tokenIds.length);
    for (let i = 0; i < tokenIds.length; i++) if (!special.has(tokenIds[i]) && random.next() < maskProbability) chosen[i] = 1;
  }

  const masked = [...tokenIds];
  const labels = new Array<number>(tokenIds.length).fill(ignoreIndex);
  for (let i = 0; i < tokenIds.length; i++) {
    if (!chosen[i]) continue;
    labels[i] = tokenIds[i];
    const u = random.next();
    if (u < maskReplace) masked[i] = maskTokenId;
    else if (u < maskReplace + randomReplace) {
      let id: number;
      do id = random.integer(vocabSize);
      while (special.has(id));
      masked[i] = id;
    }
  }
  return { tokenIds: masked, labels };
}
