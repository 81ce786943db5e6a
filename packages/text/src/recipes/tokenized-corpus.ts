/**
 * A corpus as the text recipes train on it: documents, each a list of sentences, each a
 * list of token ids without special tokens. GPT reads it as one stream; BERT pairs
 * sentences; T5 and BART corrupt documents.
 *
 * @example
 * const corpus: TokenizedCorpus = { documents: chapters.map((c) => splitSentences(c.text).map((s) => tokenizer.encode(s))) };
 */
export interface TokenizedCorpus {
  documents: readonly (readonly (readonly number[])[])[];
}

/**
 * The token stream of a corpus: its documents' sentences end to end, with `separator`
 * (e.g. the id of "\n" or an end-of-text token) between documents when given.
 *
 * @example
 * const stream = corpusStream({ documents: [[[1, 2], [3]], [[4]]] }, 0); // Int32Array [1, 2, 3, 0, 4]
 */
export function corpusStream(corpus: TokenizedCorpus, separator?: number): Int32Array {
  const parts: number[] = [];
  corpus.documents.forEach((document, d) => {
    if (d > 0 && separator !== undefined) parts.push(separator);
    for (const sentence of document) for (const id of sentence) parts.push(id);
  });
  return Int32Array.from(parts);
}
