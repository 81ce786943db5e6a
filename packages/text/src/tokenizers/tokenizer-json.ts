/**
 * The Hugging Face `tokenizer.json` format (the `tokenizers` library's serialization, which
 * Transformers.js, tokenizers.js and Python's `transformers` load), for the two models this
 * package trains: byte-level BPE (GPT-2, RoBERTa) and WordPiece (BERT). Only the fields
 * those two need are typed; the layouts are those of `gpt2` and `bert-base-uncased` on the
 * Hugging Face Hub.
 */
export interface TokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: AddedTokenJson[];
  normalizer: Record<string, unknown> | null;
  pre_tokenizer: Record<string, unknown> | null;
  post_processor: Record<string, unknown> | null;
  decoder: Record<string, unknown> | null;
  model: BpeModelJson | WordPieceModelJson;
}

/** A special token of `added_tokens`: matched whole before the model splits anything. */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface BpeModelJson {
  type: 'BPE';
  dropout: null;
  unk_token: string | null;
  continuing_subword_prefix: string | null;
  end_of_word_suffix: string | null;
  fuse_unk: boolean;
  byte_fallback: boolean;
  vocab: Record<string, number>;
  /** "left right" strings, rank 0 first (the format every reader accepts; tokens never hold a space). */
  merges: string[];
}

export interface WordPieceModelJson {
  type: 'WordPiece';
  unk_token: string;
  continuing_subword_prefix: string;
  max_input_chars_per_word: number;
  vocab: Record<string, number>;
}

/** `tokenizer_config.json`: which class Transformers.js builds, and the special tokens it names. */
export type TokenizerConfigJson = Record<string, string | number | boolean | null>;

/** A tokenizer as files: what `saveTokenizer` writes and `AutoTokenizer` reads. */
export interface TokenizerFiles {
  tokenizer: TokenizerJson;
  config: TokenizerConfigJson;
}

/** The vocabulary as a JSON object, checking that ids are 0..n-1 and tokens distinct. */
export function vocabObject(tokens: readonly string[]): Record<string, number> {
  const vocab: Record<string, number> = Object.create(null);
  tokens.forEach((token, id) => {
    if (token in vocab) throw new Error(`vocabObject: the token '${token}' appears twice (ids ${vocab[token]} and ${id})`);
    vocab[token] = id;
  });
  return { ...vocab };
}

/** Special tokens as `added_tokens` entries, ids looked up in `vocab`. */
export function addedTokens(vocab: Record<string, number>, specialTokens: readonly string[], normalized: boolean): AddedTokenJson[] {
  return specialTokens.map((content) => {
    const id = vocab[content];
    if (id === undefined) throw new Error(`addedTokens: the special token '${content}' is not in the vocabulary`);
    return { id, content, single_word: false, lstrip: false, rstrip: false, normalized, special: true };
  });
}

/**
 * A byte-level BPE `tokenizer.json` in GPT-2's layout: no normalizer, the `ByteLevel`
 * pre-tokenizer (GPT-2 regex, no prefix space), BPE with the merges in rank order, the
 * `ByteLevel` decoder. `tokens` is the whole vocabulary in id order, special tokens included.
 *
 * @example
 * const files = byteLevelBpeFiles({ tokens, merges, specialTokens: ['<|endoftext|>'] });
 */
export function byteLevelBpeFiles(options: {
  tokens: readonly string[];
  merges: readonly (readonly [string, string])[];
  specialTokens: readonly string[];
}): TokenizerFiles {
  const vocab = vocabObject(options.tokens);
  const merges = options.merges.map(([left, right]) => {
    if (left.includes(' ') || right.includes(' ')) throw new Error(`byteLevelBpeFiles: the merge '${left}' + '${right}' holds a space`);
    return `${left} ${right}`;
  });
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  const tokenizer: TokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(vocab, options.specialTokens, true),
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { ...byteLevel, trim_offsets: false },
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
  const endOfText = options.specialTokens[0] ?? null;
  const config: TokenizerConfigJson = {
    tokenizer_class: 'GPT2Tokenizer',
    add_prefix_space: false,
    bos_token: endOfText,
    eos_token: endOfText,
    unk_token: endOfText,
    model_max_length: 1024,
    clean_up_tokenization_spaces: false,
  };
  return { tokenizer, config };
}

/** BERT's special tokens, in the order trained vocabularies put them first. */
export const BERT_SPECIAL_TOKENS = Object.freeze({ pad: '[PAD]', unknown: '[UNK]', classifier: '[CLS]', separator: '[SEP]', mask: '[MASK]' });

/**
 * A WordPiece `tokenizer.json` in `bert-base-uncased`'s layout: `BertNormalizer` (clean
 * text, CJK characters apart, lower-case and strip accents when `lowercase`), the
 * `BertPreTokenizer`, WordPiece with '##' continuations, `[CLS] A [SEP]` / `[CLS] A [SEP] B
 * [SEP]` templates and the WordPiece decoder. `tokens` is the whole vocabulary in id order
 * and must hold the five BERT special tokens.
 *
 * @example
 * const files = wordPieceFiles({ tokens: vocabularyLines, lowercase: true });
 */
export function wordPieceFiles(options: { tokens: readonly string[]; lowercase: boolean }): TokenizerFiles {
  const vocab = vocabObject(options.tokens);
  const { pad, unknown, classifier, separator, mask } = BERT_SPECIAL_TOKENS;
  const special = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const sequence = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  const specialEntry = (token: string) => {
    const added = addedTokens(vocab, [token], false)[0];
    return { id: token, ids: [added.id], tokens: [token] };
  };
  const tokenizer: TokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(vocab, [pad, unknown, classifier, separator, mask], false),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: options.lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special(classifier, 0), sequence('A', 0), special(separator, 0)],
      pair: [special(classifier, 0), sequence('A', 0), special(separator, 0), sequence('B', 1), special(separator, 1)],
      special_tokens: { [classifier]: specialEntry(classifier), [separator]: specialEntry(separator) },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: unknown, continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  const config: TokenizerConfigJson = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: options.lowercase,
    strip_accents: null,
    tokenize_chinese_chars: true,
    unk_token: unknown,
    sep_token: separator,
    pad_token: pad,
    cls_token: classifier,
    mask_token: mask,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
  };
  return { tokenizer, config };
}
