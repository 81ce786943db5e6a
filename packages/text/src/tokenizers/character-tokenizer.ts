/** What `CharacterTokenizer.toJSON` writes and `fromJSON` reads. */
export interface CharacterTokenizerJson {
  type: 'character';
  /** Every token, its index its id: the special tokens first, then the characters. */
  tokens: string[];
  /** The special token unknown characters encode to, or null to throw on them. */
  unknownToken: string | null;
  specialTokens: string[];
}

export interface TrainCharacterTokenizerOptions {
  /** Tokens put first, before the characters (e.g. ['<pad>', '<unk>']). Default []. */
  specialTokens?: readonly string[];
  /** One of `specialTokens` that unseen characters encode to. Default: none (encoding an unseen character throws). */
  unknownToken?: string;
}

/**
 * A character-level tokenizer (nanoGPT's Shakespeare-char): one token per Unicode code
 * point seen in the training texts, in code-point order after the special tokens, so the
 * same corpus always gives the same ids.
 *
 * @example
 * const tokenizer = CharacterTokenizer.train(['hello world']);
 * tokenizer.encode('hello'); // [3, 2, 4, 4, 5]  (' ' 0, 'd' 1, 'e' 2, 'h' 3, 'l' 4, 'o' 5, ...)
 * tokenizer.decode([3, 2, 4, 4, 5]); // 'hello'
 */
export class CharacterTokenizer {
  private readonly ids: Map<string, number>;

  private constructor(
    readonly tokens: readonly string[],
    readonly specialTokens: readonly string[],
    readonly unknownToken: string | null,
  ) {
    this.ids = new Map(tokens.map((token, id) => [token, id]));
    if (this.ids.size !== tokens.length) throw new Error('CharacterTokenizer: the tokens must be distinct');
    if (unknownToken !== null && !specialTokens.includes(unknownToken)) {
      throw new Error(`CharacterTokenizer: the unknown token '${unknownToken}' must be one of the special tokens`);
    }
  }

  /** Builds the vocabulary of the characters in `texts`. */
  static train(texts: Iterable<string>, options: TrainCharacterTokenizerOptions = {}): CharacterTokenizer {
    const characters = new Set<string>();
    for (const text of texts) {
      if (typeof text !== 'string') throw new Error(`CharacterTokenizer.train: every text must be a string, got ${typeof text}`);
      for (const character of text) characters.add(character);
    }
    const specialTokens = [...(options.specialTokens ?? [])];
    const sorted = [...characters].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    return new CharacterTokenizer([...specialTokens, ...sorted], specialTokens, options.unknownToken ?? null);
  }

  /** Rebuilds a tokenizer from `toJSON()`'s output. */
  static fromJSON(json: CharacterTokenizerJson): CharacterTokenizer {
    if (json?.type !== 'character' || !Array.isArray(json.tokens))
      throw new Error("CharacterTokenizer.fromJSON: expected { type: 'character', tokens, ... }");
    return new CharacterTokenizer(json.tokens, json.specialTokens ?? [], json.unknownToken ?? null);
  }

  get vocabSize(): number {
    return this.tokens.length;
  }

  /** One id per code point of `text`. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const character of text) {
      const id = this.ids.get(character) ?? (this.unknownToken === null ? undefined : this.ids.get(this.unknownToken));
      if (id === undefined) {
        const code = character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw new Error(`CharacterTokenizer.encode: '${character}' (U+${code}) is not in the vocabulary and there is no unknown token`);
      }
      ids.push(id);
    }
    return ids;
  }

  /** The text of `ids` (special tokens written as themselves). */
  decode(ids: readonly number[]): string {
    let text = '';
    for (const id of ids) {
      const token = this.tokens[id];
      if (token === undefined) throw new Error(`CharacterTokenizer.decode: id ${id} is outside 0..${this.tokens.length - 1}`);
      text += token;
    }
    return text;
  }

  toJSON(): CharacterTokenizerJson {
    return { type: 'character', tokens: [...this.tokens], unknownToken: this.unknownToken, specialTokens: [...this.specialTokens] };
  }
}
