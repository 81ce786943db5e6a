import { Tokenizer } from '@huggingface/tokenizers';
import type { TokenizerFiles } from './tokenizer-json.js';

export interface EncodeOptions {
  /** Add the model's special tokens ([CLS] ... [SEP] for WordPiece; none for byte-level BPE). Default true. */
  addSpecialTokens?: boolean;
}

export interface DecodeOptions {
  /** Leave out special tokens. Default false. */
  skipSpecialTokens?: boolean;
}

/**
 * A subword tokenizer defined by Hugging Face `tokenizer.json` files, whether trained here
 * (`trainByteLevelBpe`, `trainWordPiece`) or read from elsewhere (GPT-2's files, BERT's
 * vocabulary). Encoding and decoding are those of tokenizers.js (`@huggingface/tokenizers`,
 * the tokenizer of Transformers.js), not code of ours, so that what we train encodes here
 * exactly as it does in Transformers.js and the Python `tokenizers`.
 *
 * @example
 * const tokenizer = TextTokenizer.fromFiles(trainByteLevelBpe(sentences, { vocabSize: 1000 }));
 * const ids = tokenizer.encode('Call me Ishmael.');
 * tokenizer.decode(ids); // 'Call me Ishmael.'
 */
export class TextTokenizer {
  private readonly tokenizer: Tokenizer;

  private constructor(readonly files: TokenizerFiles) {
    this.tokenizer = new Tokenizer(files.tokenizer, files.config);
  }

  /** Builds the tokenizer that `files` describe. */
  static fromFiles(files: TokenizerFiles): TextTokenizer {
    if (files === null || typeof files !== 'object' || typeof files.tokenizer?.model !== 'object') {
      throw new Error('TextTokenizer.fromFiles: expected { tokenizer, config } with a tokenizer.json object in `tokenizer`');
    }
    return new TextTokenizer(files);
  }

  /** Tokens in the vocabulary, special tokens included. */
  get vocabSize(): number {
    return this.tokenizer.get_vocab(true).size;
  }

  /** Token ids of `text`. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    if (typeof text !== 'string') throw new Error(`TextTokenizer.encode: text must be a string, got ${typeof text}`);
    return this.tokenizer.encode(text, { add_special_tokens: options.addSpecialTokens ?? true }).ids;
  }

  /** Tokens of `text` as strings (byte-level tokens show bytes through GPT-2's table: 'Ġworld'). */
  tokenize(text: string, options: EncodeOptions = {}): string[] {
    return this.tokenizer.tokenize(text, { add_special_tokens: options.addSpecialTokens ?? false });
  }

  /** The text of `ids`. */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: options.skipSpecialTokens ?? false });
  }

  /** The id of `token`, or undefined if it is not in the vocabulary. */
  tokenToId(token: string): number | undefined {
    return this.tokenizer.token_to_id(token);
  }

  /** The token of `id`, or undefined if there is none. */
  idToToken(id: number): string | undefined {
    return this.tokenizer.id_to_token(id);
  }
}
