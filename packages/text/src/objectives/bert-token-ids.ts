import { BERT_SPECIAL_TOKENS } from '../tokenizers/tokenizer-json.js';
import type { TextTokenizer } from '../tokenizers/text-tokenizer.js';

/** The ids a BERT collator needs, read from a WordPiece tokenizer's vocabulary. */
export interface BertTokenIds {
  padTokenId: number;
  unknownTokenId: number;
  classifierTokenId: number;
  separatorTokenId: number;
  maskTokenId: number;
  /** Tokens in the vocabulary (random replacements are drawn below it). */
  vocabSize: number;
  /** The five special tokens: never chosen for masking, never drawn as a random replacement. */
  specialTokenIds: number[];
  /** Whether an id is a WordPiece continuation piece (`##ing`): what whole-word masking joins to the word before. */
  isContinuation: (tokenId: number) => boolean;
}

/**
 * The special-token ids, vocabulary size and `##` continuation test of a WordPiece
 * tokenizer (`trainWordPiece`, `loadBertUncasedFiles`), ready for `maskTokens` and
 * `nextSentencePairs`. Throws naming the token when one of `[PAD] [UNK] [CLS] [SEP] [MASK]`
 * is missing.
 *
 * @example
 * const tokenizer = TextTokenizer.fromFiles(trainWordPiece(sentences, { vocabSize: 2000 }));
 * const ids = bertTokenIds(tokenizer); // { padTokenId: 0, maskTokenId: 4, vocabSize: 2000, ... }
 * maskTokens(tokenizer.encode('Call me Ishmael.'), createRandom(0), ids);
 */
export function bertTokenIds(tokenizer: TextTokenizer): BertTokenIds {
  const id = (token: string): number => {
    const value = tokenizer.tokenToId(token);
    if (value === undefined)
      throw new Error(`bertTokenIds: the tokenizer has no ${token} token (a WordPiece vocabulary holds [PAD] [UNK] [CLS] [SEP] [MASK])`);
    return value;
  };
  const { pad, unknown, classifier, separator, mask } = BERT_SPECIAL_TOKENS;
  const vocabSize = tokenizer.vocabSize;
  const continuation = new Uint8Array(vocabSize);
  for (let i = 0; i < vocabSize; i++) continuation[i] = tokenizer.idToToken(i)?.startsWith('##') ? 1 : 0;
  const ids = {
    padTokenId: id(pad),
    unknownTokenId: id(unknown),
    classifierTokenId: id(classifier),
    separatorTokenId: id(separator),
    maskTokenId: id(mask),
  };
  return {
    ...ids,
    vocabSize,
    specialTokenIds: Object.values(ids),
    isContinuation: (tokenId: number) => continuation[tokenId] === 1,
  };
}
