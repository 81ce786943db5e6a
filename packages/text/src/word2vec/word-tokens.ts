import { splitSentences } from '../corpora/split-sentences.js';
import type { TextDocument } from '../corpora/text-document.js';

const LETTERS = /\p{L}+/gu;

/**
 * The words of `text` for word embeddings: lower-cased, split on every character that is not
 * a letter (digits, punctuation and apostrophes separate words: "don't" gives 'don', 't').
 * The same rule feeds the gensim reference in bench/, so both see the same tokens.
 *
 * @example
 * wordTokens('The Union, in 1790: strong!'); // ['the', 'union', 'in', 'strong']
 */
export function wordTokens(text: string): string[] {
  if (typeof text !== 'string') throw new Error(`wordTokens: text must be a string, got ${typeof text}`);
  return text.toLowerCase().match(LETTERS) ?? [];
}

/**
 * Sentences of words for `trainWord2Vec`: each document is split into sentences
 * (`splitSentences`), each sentence into `wordTokens`; sentences without a word are dropped.
 *
 * @example
 * wordSentences(['Call me Ishmael. Some years ago, I sailed.']);
 * // [['call', 'me', 'ishmael'], ['some', 'years', 'ago', 'i', 'sailed']]
 */
export function wordSentences(documents: Iterable<string | TextDocument>): string[][] {
  if (documents === null || typeof (documents as Iterable<unknown>)?.[Symbol.iterator] !== 'function') {
    throw new Error(
      `wordSentences: documents must be an iterable of strings or TextDocuments, got ${documents === null ? 'null' : typeof documents}`,
    );
  }
  const sentences: string[][] = [];
  let index = 0;
  for (const document of documents) {
    const text = typeof document === 'string' ? document : document?.text;
    if (typeof text !== 'string') throw new Error(`wordSentences: documents[${index}] must be a string or a TextDocument, got ${typeof document}`);
    for (const sentence of splitSentences(text)) {
      const words = wordTokens(sentence);
      if (words.length > 0) sentences.push(words);
    }
    index++;
  }
  return sentences;
}
