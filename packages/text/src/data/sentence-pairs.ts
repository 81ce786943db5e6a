import { type BatchSource, batchLoader, createRandom, deriveSeed } from '@selfsup/core';

/** One example of next sentence prediction, before the coin that picks B. */
export interface SentencePair {
  /** Sentence A. */
  first: readonly number[];
  /** The sentence after A in its document: B of an "IsNext" pair. */
  next: readonly number[];
  /** A sentence of another document: B of a "NotNext" pair. */
  other: readonly number[];
}

/** A batch of `sentencePairs`: what BERT's `prepare` turns into masked sentence pairs. */
export interface SentencePairs {
  pairs: readonly SentencePair[];
}

export interface SentencePairsOptions {
  /** Documents as lists of sentences, each a list of token ids without special tokens (`TokenizedCorpus.documents`). */
  documents: readonly (readonly (readonly number[])[])[];
  batchSize: number;
}

/**
 * BERT's pre-training examples (Devlin et al. 2019, section 3.1): every two consecutive
 * non-empty sentences of a document, each with a sentence of another document drawn
 * uniformly (a document among the others, then a sentence of it) for when
 * `maskedLanguageModeling`'s `prepare` makes the pair a random one (50%, `nextSentencePairs`).
 * The pairs are shuffled per epoch by the trainer's seed (core's `batchLoader`) and the
 * other sentence is drawn from (seed, epoch, pair): a resumed run sees the same batches.
 *
 * @example
 * const documents = chapters.map((c) => splitSentences(c.text).map((s) => tokenizer.encode(s, { addSpecialTokens: false })));
 * const data = sentencePairs({ documents, batchSize: 32 });
 * await train({ method: maskedLanguageModeling({ model: bert(config), ...bertTokenIds(tokenizer) }), data, optimizer, steps: 500 });
 */
export function sentencePairs({ documents, batchSize }: SentencePairsOptions): BatchSource<SentencePairs> {
  const fn = 'sentencePairs';
  if (!Array.isArray(documents)) throw new Error(`${fn}: documents must be an array of documents (arrays of sentences), got ${typeof documents}`);
  const kept = documents.map((document, d) => {
    if (!Array.isArray(document)) throw new Error(`${fn}: documents[${d}] must be an array of sentences, got ${typeof document}`);
    return document.filter((sentence) => sentence.length > 0);
  });
  const nonEmpty = kept.flatMap((document, d) => (document.length > 0 ? [d] : []));
  if (nonEmpty.length < 2)
    throw new Error(
      `${fn}: documents must hold at least two documents with a sentence (the random next sentence comes from another one), got ${nonEmpty.length}`,
    );
  const where: number[] = []; // (document, sentence) of each pair's first sentence
  kept.forEach((document, d) => {
    for (let s = 0; s + 1 < document.length; s++) where.push(d, s);
  });
  const size = where.length / 2;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > size) {
    throw new Error(`${fn}: batchSize must be an integer in [1, ${size}] (the pairs of consecutive sentences in these documents), got ${batchSize}`);
  }
  const rank = new Map(nonEmpty.map((d, i) => [d, i]));
  return batchLoader<SentencePairs>({
    size,
    batchSize,
    load: (indices, { seed, epoch }) => {
      const epochSeed = deriveSeed(deriveSeed(seed, epoch), 2);
      const pairs = indices.map((i) => {
        const [d, s] = [where[2 * i], where[2 * i + 1]];
        const random = createRandom(deriveSeed(epochSeed, i));
        const j = random.integer(nonEmpty.length - 1); // among the other documents
        const otherDocument = kept[nonEmpty[j >= (rank.get(d) as number) ? j + 1 : j]];
        return { first: kept[d][s], next: kept[d][s + 1], other: otherDocument[random.integer(otherDocument.length)] };
      });
      return { pairs };
    },
    dispose: () => {},
  });
}
