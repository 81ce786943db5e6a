import { assertProbability, type SeededRandom } from '@selfsup/core';
import { assertRandom, assertTokenIds } from './collator-checks.js';
import { type PackedSentencePair, type PackSentencePairOptions, packSentencePair } from './pack-sentence-pair.js';

/** Defaults of `nextSentencePairs`: BERT's next sentence prediction (Devlin et al. 2019, section 3.1, task #2). */
export const NEXT_SENTENCE_DEFAULTS = Object.freeze({
  /** Share of pairs whose B is a random sentence of another document: BERT's 50%. */
  randomNextProbability: 0.5,
});

export interface NextSentencePairsOptions extends PackSentencePairOptions {
  randomNextProbability?: number;
}

export interface NextSentencePair extends PackedSentencePair {
  /** 0 when B is the sentence after A, 1 when it is random (Hugging Face's `next_sentence_label`). */
  nextSentenceLabel: 0 | 1;
}

const FN = 'nextSentencePairs';

/**
 * BERT's next-sentence-prediction pairs (Devlin et al. 2019, "BERT: Pre-training of Deep
 * Bidirectional Transformers for Language Understanding", section 3.1): one pair per pair of
 * consecutive sentences of a document, in corpus order. With probability
 * `randomNextProbability` (50%) B is replaced by a sentence drawn uniformly from a document
 * drawn uniformly among the other non-empty documents (label 1, "NotNext"); otherwise B is
 * the actual next sentence (label 0, "IsNext"). Each pair is packed by `packSentencePair`:
 * [CLS] A [SEP] B [SEP] with segment ids, truncated longest-first to `maxLength`.
 *
 * A and B are single sentences (as RoBERTa's SENTENCE-PAIR input); Google's script fills
 * each segment with several sentences up to the length instead.
 *
 * @param documents Documents as lists of sentences, each a list of token ids without special tokens.
 * @param random The step's generator (`context.random`).
 *
 * @example
 * const documents = chapters.map((chapter) => splitSentences(chapter.text).map((s) => tokenizer.encode(s, { addSpecialTokens: false })));
 * const pairs = nextSentencePairs(documents, createRandom(0), { classifierTokenId: 2, separatorTokenId: 3, maxLength: 128 });
 */
export function nextSentencePairs(
  documents: readonly (readonly (readonly number[])[])[],
  random: SeededRandom,
  options: NextSentencePairsOptions,
): NextSentencePair[] {
  if (!Array.isArray(documents)) throw new Error(`${FN}: documents must be an array of documents (arrays of sentences), got ${typeof documents}`);
  documents.forEach((document, d) => {
    if (!Array.isArray(document)) throw new Error(`${FN}: documents[${d}] must be an array of sentences, got ${typeof document}`);
    for (const [s, sentence] of document.entries()) assertTokenIds(FN, `documents[${d}][${s}]`, sentence);
  });
  assertRandom(FN, random);
  if (options === null || typeof options !== 'object')
    throw new Error(`${FN}: options must be an object with classifierTokenId and separatorTokenId`);
  const randomNext = options.randomNextProbability ?? NEXT_SENTENCE_DEFAULTS.randomNextProbability;
  assertProbability(FN, 'options.randomNextProbability', randomNext);
  const nonEmpty = documents.flatMap((document, d) => (document.length > 0 ? [d] : []));
  const pairs: NextSentencePair[] = [];
  documents.forEach((document, d) => {
    for (let s = 0; s + 1 < document.length; s++) {
      let second = document[s + 1];
      let label: 0 | 1 = 0;
      if (randomNext > 0 && random.next() < randomNext) {
        const others = nonEmpty.filter((other) => other !== d);
        if (others.length === 0)
          throw new Error(`${FN}: documents must hold at least two non-empty documents to draw a random next sentence from another one`);
        const other = documents[others[random.integer(others.length)]];
        second = other[random.integer(other.length)];
        label = 1;
      }
      pairs.push({ ...packSentencePair(document[s], second, options), nextSentenceLabel: label });
    }
  });
  return pairs;
}
