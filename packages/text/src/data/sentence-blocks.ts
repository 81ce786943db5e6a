import { type BatchSource, batchLoader } from '@selfsup/core';

/** A batch of `sentenceBlocks`: each block a run of consecutive sentences of one document. */
export interface SentenceBlocks {
  blocks: readonly (readonly (readonly number[])[])[];
}

export interface SentenceBlocksOptions {
  /** Documents as lists of sentences, each a list of token ids without special tokens (`TokenizedCorpus.documents`). */
  documents: readonly (readonly (readonly number[])[])[];
  /** Most tokens in a block (special tokens the method adds not counted). */
  maxTokens: number;
  batchSize: number;
  /** Blocks with fewer tokens are left out. Default 2 (span corruption needs one kept and one noise token). */
  minTokens?: number;
}

/**
 * Blocks of whole consecutive sentences of one document, each at most `maxTokens` tokens
 * (fairseq's `TokenBlockDataset` in `complete_doc` mode, which BART's denoising reads): the
 * sentences of a document are taken in order until the next one would not fit; a sentence
 * longer than `maxTokens` is cut into blocks of its own. T5's `prepare` reads a block as one
 * sequence, BART's as sentences (which it permutes). The blocks are fixed; their order is
 * shuffled per epoch by the trainer's seed (core's `batchLoader`), so a resumed run sees
 * the same batches.
 *
 * @example
 * const data = sentenceBlocks({ documents, maxTokens: 126, batchSize: 32 }); // + BOS and EOS: 128
 * await train({ method: bartDenoising({ model: bart(config), bosTokenId: 0, padTokenId: 1, eosTokenId: 2, maskTokenId: 3 }), data, optimizer, steps: 500 });
 */
export function sentenceBlocks({ documents, maxTokens, batchSize, minTokens = 2 }: SentenceBlocksOptions): BatchSource<SentenceBlocks> {
  const fn = 'sentenceBlocks';
  if (!Array.isArray(documents)) throw new Error(`${fn}: documents must be an array of documents (arrays of sentences), got ${typeof documents}`);
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new Error(`${fn}: maxTokens must be a positive integer, got ${maxTokens}`);
  if (!Number.isInteger(minTokens) || minTokens < 1 || minTokens > maxTokens) {
    throw new Error(`${fn}: minTokens must be an integer in [1, maxTokens = ${maxTokens}], got ${minTokens}`);
  }
  const blocks: (readonly number[])[][] = [];
  const tokensOf = (block: readonly (readonly number[])[]) => block.reduce((sum, sentence) => sum + sentence.length, 0);
  documents.forEach((document, d) => {
    if (!Array.isArray(document)) throw new Error(`${fn}: documents[${d}] must be an array of sentences, got ${typeof document}`);
    let block: (readonly number[])[] = [];
    let tokens = 0;
    const flush = () => {
      if (tokens >= minTokens) blocks.push(block);
      block = [];
      tokens = 0;
    };
    for (const sentence of document) {
      if (sentence.length === 0) continue;
      if (tokens + sentence.length > maxTokens) flush();
      if (sentence.length <= maxTokens) {
        block.push(sentence);
        tokens += sentence.length;
        continue;
      }
      for (let start = 0; start < sentence.length; start += maxTokens) {
        block = [sentence.slice(start, start + maxTokens)];
        tokens = tokensOf(block);
        flush();
      }
    }
    flush();
  });
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > blocks.length) {
    throw new Error(
      `${fn}: batchSize must be an integer in [1, ${blocks.length}] (the blocks of ${minTokens} to ${maxTokens} tokens in these documents), got ${batchSize}`,
    );
  }
  return batchLoader<SentenceBlocks>({
    size: blocks.length,
    batchSize,
    load: (indices) => ({ blocks: indices.map((i) => blocks[i]) }),
    dispose: () => {},
  });
}
