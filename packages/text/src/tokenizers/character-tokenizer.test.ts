import { describe, expect, it } from 'vitest';
import { CharacterTokenizer } from './character-tokenizer.js';

describe('CharacterTokenizer', () => {
  it('numbers the characters in code-point order after the special tokens', () => {
    const tokenizer = CharacterTokenizer.train(['hello world']);
    expect(tokenizer.tokens).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(tokenizer.encode('hello')).toEqual([3, 2, 4, 4, 5]);
    expect(tokenizer.decode([3, 2, 4, 4, 5])).toBe('hello');
  });

  it('round-trips text outside the BMP and survives toJSON / fromJSON', () => {
    const text = 'Whale 🐳 — naïve';
    const tokenizer = CharacterTokenizer.train([text], { specialTokens: ['<pad>', '<unk>'], unknownToken: '<unk>' });
    const copy = CharacterTokenizer.fromJSON(JSON.parse(JSON.stringify(tokenizer)));
    expect(copy.decode(copy.encode(text))).toBe(text);
    expect(copy.encode('🐳')).toHaveLength(1);
    expect(copy.encode('x')).toEqual([1]);
  });

  it('names an unknown character when there is no unknown token, and a bad id', () => {
    const tokenizer = CharacterTokenizer.train(['ab']);
    expect(() => tokenizer.encode('ac')).toThrow("CharacterTokenizer.encode: 'c' (U+0063) is not in the vocabulary and there is no unknown token");
    expect(() => tokenizer.decode([2])).toThrow('CharacterTokenizer.decode: id 2 is outside 0..1');
  });
});
