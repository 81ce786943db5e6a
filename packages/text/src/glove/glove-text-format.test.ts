import { describe, expect, it } from 'vitest';
import { formatGloveText, parseGloveText } from './glove-text-format.js';
import { WordVectors } from '../word2vec/word-vectors.js';

describe("GloVe's text format", () => {
  const vectors = new WordVectors(['the', 'whale'], 2, Float32Array.of(0.25, -1.5, 3, 0.125));

  it('writes word v1 ... vd per line with 6 decimals (or as many as asked), no header', () => {
    expect(formatGloveText(vectors)).toBe('the 0.250000 -1.500000\nwhale 3.000000 0.125000\n');
    expect(formatGloveText(vectors, { digits: 2 })).toBe('the 0.25 -1.50\nwhale 3.00 0.13\n');
  });

  it('reads back what it writes, with or without the header', () => {
    for (const text of [formatGloveText(vectors), `2 2\n${formatGloveText(vectors)}`]) {
      const read = parseGloveText(text);
      expect(read.words).toEqual(['the', 'whale']);
      expect(read.dimension).toBe(2);
      expect(Array.from(read.data)).toEqual([0.25, -1.5, 3, 0.125]);
    }
    expect(parseGloveText('\r\nsea 1 2\r\n\r\nocean 3 4\r\n').words).toEqual(['sea', 'ocean']);
    // A one-dimensional vector file whose first word is a number is not a header.
    expect(parseGloveText('3 5\n4 6\n').words).toEqual(['3', '4']);
  });

  it('names the function and what was expected in its errors', () => {
    expect(() => parseGloveText('a 1 2\nb 1\n')).toThrow('parseGloveText: line 2 must be a word and 2 numbers, got 1 numbers');
    expect(() => parseGloveText('a 1 x\n')).toThrow("parseGloveText: line 1 value 2 must be a finite number, got 'x'");
    expect(() => parseGloveText('3 2\na 1 2\n')).toThrow('parseGloveText: the header announces 3 words, the text holds 1');
    expect(() => parseGloveText('\n')).toThrow('parseGloveText: text must hold at least one word line, got none');
    expect(() => formatGloveText(vectors, { digits: -1 })).toThrow('formatGloveText: options.digits must be an integer in [0, 20], got -1');
  });
});
