import { assertFunction, assertInteger, assertPositiveNumber, assertProbability, type SeededRandom } from '@selfsup/core';
import { assertRandom, assertTokenIds } from './collator-checks.js';
import { randomPermutationPrefix, textInfilling } from './text-infilling.js';

/**
 * Defaults of `bartNoise`: BART-large's pre-training noise (Lewis et al. 2020, section 5.1:
 * "we mask 30% of tokens in each document, and permute all sentences"), with each noise's
 * own parameters for when it is switched on.
 */
export const BART_NOISE_DEFAULTS = Object.freeze({
  /** Sentence permutation: the share of sentences shuffled among themselves. BART-large: 1 (all); fairseq `--permute-sentences`, default 0. */
  permuteSentenceRatio: 1,
  /** Text infilling: the share of tokens (word starts) covered by spans. BART-large: 0.3 (fairseq `--mask`); 0 turns it off. */
  maskRatio: 0.3,
  /** Text infilling: the Poisson rate of span lengths. The paper's 3 (fairseq's released command used 3.5). */
  poissonLambda: 3,
  /** Token deletion: the share of tokens deleted (fairseq `--replace-length 0`). The paper gives no rate; off, as in BART-large. */
  deletionRatio: 0,
  /** Document rotation: the probability of rotating the document. Off in BART-large (fairseq `--rotate 0.0`; the task's default is 0.5). */
  rotateProbability: 0,
});

export interface BartNoiseOptions {
  bosTokenId: number;
  eosTokenId: number;
  maskTokenId: number;
  permuteSentenceRatio?: number;
  maskRatio?: number;
  poissonLambda?: number;
  deletionRatio?: number;
  rotateProbability?: number;
  /** Whether a token starts a word: infilling spans and their budget then count words (fairseq's whole-word spans with GPT-2 BPE: tokens starting with 'Ġ'). Every token when omitted. */
  isWordStart?: (tokenId: number) => boolean;
}

export interface BartNoisedDocument {
  /** The corrupted document, BOS ... EOS: the encoder's input. */
  inputs: number[];
  /** The original document, BOS sentences EOS: what the decoder reconstructs. */
  targets: number[];
}

const FN = 'bartNoise';

/**
 * BART's denoising input for one document (Lewis et al. 2020, "BART: Denoising
 * Sequence-to-Sequence Pre-training for Natural Language Generation, Translation, and
 * Comprehension", section 2.2), with fairseq's `DenoisingDataset` semantics. The document is
 * its sentences' token ids; the target is BOS + all sentences + EOS, and the input is the
 * same sequence after, in this order (BOS and EOS never move or change):
 *
 * 1. Sentence permutation (`permuteSentenceRatio`): ceil(S x ratio) sentences drawn at
 *    random swap places among themselves in a random order (fairseq's `permute_sentences`).
 * 2. Token deletion (`deletionRatio`): ceil(N x ratio) tokens drawn at random are removed.
 * 3. Text infilling (`maskRatio`, `poissonLambda`): `textInfilling`: Poisson span lengths
 *    (zeros included: an inserted [MASK]) covering up to 30% of the tokens, each span one [MASK].
 * 4. Document rotation (`rotateProbability`): with that probability the tokens between BOS
 *    and EOS are rotated to start at a random one (fairseq's `add_rolling_noise`).
 *
 * @param sentences The document's sentences, each a list of token ids (no BOS or EOS).
 * @param random The step's generator (`context.random`).
 *
 * @example
 * const sentences = splitSentences(chapter.text).map((s) => tokenizer.encode(s));
 * const { inputs, targets } = bartNoise(sentences, createRandom(0), { bosTokenId: 0, eosTokenId: 2, maskTokenId: 3 });
 */
export function bartNoise(sentences: readonly (readonly number[])[], random: SeededRandom, options: BartNoiseOptions): BartNoisedDocument {
  if (!Array.isArray(sentences)) throw new Error(`${FN}: sentences must be an array of sentences (arrays of token ids), got ${typeof sentences}`);
  for (const [i, sentence] of sentences.entries()) assertTokenIds(FN, `sentences[${i}]`, sentence);
  assertRandom(FN, random);
  if (options === null || typeof options !== 'object')
    throw new Error(`${FN}: options must be an object with bosTokenId, eosTokenId and maskTokenId`);
  const d = BART_NOISE_DEFAULTS;
  const { bosTokenId, eosTokenId, maskTokenId, isWordStart } = options;
  const permuteSentenceRatio = options.permuteSentenceRatio ?? d.permuteSentenceRatio;
  const maskRatio = options.maskRatio ?? d.maskRatio;
  const poissonLambda = options.poissonLambda ?? d.poissonLambda;
  const deletionRatio = options.deletionRatio ?? d.deletionRatio;
  const rotateProbability = options.rotateProbability ?? d.rotateProbability;
  assertInteger(FN, 'options.bosTokenId', bosTokenId, 0);
  assertInteger(FN, 'options.eosTokenId', eosTokenId, 0);
  assertInteger(FN, 'options.maskTokenId', maskTokenId, 0);
  assertProbability(FN, 'options.permuteSentenceRatio', permuteSentenceRatio);
  assertProbability(FN, 'options.maskRatio', maskRatio);
  assertPositiveNumber(FN, 'options.poissonLambda', poissonLambda);
  assertProbability(FN, 'options.deletionRatio', deletionRatio);
  assertProbability(FN, 'options.rotateProbability', rotateProbability);
  if (isWordStart !== undefined) assertFunction(FN, 'options.isWordStart', isWordStart, '(tokenId) => boolean');

  const targets = [bosTokenId, ...sentences.flat(), eosTokenId];

  // 1. Sentence permutation.
  const count = sentences.length;
  const order = Array.from({ length: count }, (_, i) => i);
  if (permuteSentenceRatio > 0 && count > 0) {
    const chosen = randomPermutationPrefix(count, Math.ceil(count * permuteSentenceRatio), random);
    const shuffled = randomPermutationPrefix(chosen.length, chosen.length, random);
    chosen.forEach((slot, j) => {
      order[slot] = chosen[shuffled[j]];
    });
  }
  let tokens = [bosTokenId, ...order.flatMap((i) => sentences[i]), eosTokenId];

  // 2. Token deletion.
  if (deletionRatio > 0) {
    const inner = tokens.length - 2;
    const deleted = new Set(randomPermutationPrefix(inner, Math.ceil(inner * deletionRatio), random).map((i) => i + 1));
    tokens = tokens.filter((_, i) => !deleted.has(i));
  }

  // 3. Text infilling.
  if (maskRatio > 0) tokens = textInfilling(tokens, random, { maskTokenId, maskRatio, poissonLambda, isWordStart });

  // 4. Document rotation.
  if (rotateProbability > 0 && random.next() < rotateProbability) {
    const offset = 1 + random.integer(Math.max(1, tokens.length - 1));
    tokens = [tokens[0], ...tokens.slice(offset, -1), ...tokens.slice(1, offset), tokens[tokens.length - 1]];
  }
  return { inputs: tokens, targets };
}
