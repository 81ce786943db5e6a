import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { float32Text } from './float32-text.js';
import { WordVectors } from './word-vectors.js';
import { parseWord2VecBinary, serializeWord2VecBinary } from './word2vec-binary-format.js';
import { parseWord2VecText, serializeWord2VecText } from './word2vec-text-format.js';

const random = createRandom(4);
const words = ['the', 'whale', 'ahab', 'café', 'naïve', '白鯨'];
const dimension = 5;
const data = Float32Array.from({ length: words.length * dimension }, () => random.normal() * 10 ** random.integer(9 - 6));
data[3] = 0;
data[4] = -1e-7;
const vectors = new WordVectors(words, dimension, data);

describe('float32Text', () => {
  it('writes the shortest decimal that reads back as the same float32, as numpy repr', () => {
    expect([0.1, 1e-5, 3, -2, 0.0123, 1.5e-7, 123456.7, 1e16, 1 / 3, 12345678, 0, -0].map(float32Text)).toEqual([
      '0.1',
      '1e-05',
      '3.0',
      '-2.0',
      '0.0123',
      '1.5e-07',
      '123456.7',
      '1e+16',
      '0.33333334',
      '12345678.0',
      '0.0',
      '-0.0',
    ]);
    for (let i = 0; i < 2000; i++) {
      const value = Math.fround(random.normal() * 10 ** (random.integer(20) - 10));
      expect(Math.fround(Number(float32Text(value)))).toBe(value);
    }
  });
});

describe('the word2vec text format', () => {
  it('round-trips every float32 bit for bit, UTF-8 words included', () => {
    const text = serializeWord2VecText(vectors);
    expect(text.split('\n')[0]).toBe('6 5');
    expect(text.split('\n')[2].startsWith('whale ')).toBe(true);
    const back = parseWord2VecText(text);
    expect(back.words).toEqual(words);
    expect(back.data).toEqual(data);
    expect(parseWord2VecText(new TextEncoder().encode(text)).data).toEqual(data);
    expect(serializeWord2VecText(new WordVectors(['a'], 2, Float32Array.of(0.5, -1)))).toBe('1 2\na 0.5 -1.0\n');
  });

  it("reads word2vec.c's trailing spaces, CRLF, no final newline, and keeps a repeated word's first vector", () => {
    const back = parseWord2VecText('3 2\r\nsea 1 2 \r\nship 3 4 \r\nsea 5 6');
    expect(back.words).toEqual(['sea', 'ship']);
    expect(Array.from(back.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(parseWord2VecText('1 3\nx inf -inf 1e-3\n').data)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Math.fround(1e-3),
    ]);
  });

  it('names the source and the line of a malformed file', () => {
    expect(() => parseWord2VecText('two 2\na 1 2\n', 'v.txt')).toThrow(
      `parseWord2VecText: v.txt line 1 must be '<words> <dimension>' (two integers, dimension >= 1), got "two 2"`,
    );
    expect(() => parseWord2VecText('2 2\na 1 2\nb 1\n', 'v.txt')).toThrow(
      "parseWord2VecText: v.txt line 3 has 1 numbers after 'b', expected 2 (the header's dimension)",
    );
    expect(() => parseWord2VecText('2 2\na 1 2\nb 1 x2\n', 'v.txt')).toThrow("parseWord2VecText: v.txt line 3: 'x2' is not a number");
    expect(() => parseWord2VecText('3 2\na 1 2\nb 1 2\n', 'v.txt')).toThrow('parseWord2VecText: v.txt ends after 2 vectors; its header says 3');
    expect(() => parseWord2VecText('1 2\na 1 2\nb 1 2\n', 'v.txt')).toThrow("parseWord2VecText: v.txt line 3: more vectors than the header's 1");
    expect(() => parseWord2VecText('2 2\na 1 2\n\nb 1 2\n', 'v.txt')).toThrow(
      'parseWord2VecText: v.txt line 3 is empty; expected a word and 2 numbers',
    );
    expect(() => parseWord2VecText(Uint8Array.of(0x32, 0x20, 0x32, 0x0a, 0xff, 0xfe), 'v.bin')).toThrow(
      'parseWord2VecText: v.bin is not valid UTF-8 (a binary word2vec file? use parseWord2VecBinary)',
    );
  });
});

describe('the word2vec binary format', () => {
  it("is gensim 4's layout: header, then word, space, little-endian float32s, no separator", () => {
    const bytes = serializeWord2VecBinary(new WordVectors(['a', 'é'], 1, Float32Array.of(1, -2)));
    expect(Array.from(bytes)).toEqual([0x32, 0x20, 0x31, 0x0a, 0x61, 0x20, 0, 0, 0x80, 0x3f, 0xc3, 0xa9, 0x20, 0, 0, 0, 0xc0]);
  });

  it('round-trips bit for bit, and reads the newline word2vec.c writes after each vector', () => {
    const back = parseWord2VecBinary(serializeWord2VecBinary(vectors));
    expect(back.words).toEqual(words);
    expect(back.data).toEqual(data);
    const withNewlines = Uint8Array.of(0x32, 0x20, 0x31, 0x0a, 0x61, 0x20, 0, 0, 0x80, 0x3f, 0x0a, 0x62, 0x20, 0, 0, 0, 0xc0, 0x0a);
    const read = parseWord2VecBinary(withNewlines);
    expect(read.words).toEqual(['a', 'b']);
    expect(Array.from(read.data)).toEqual([1, -2]);
  });

  it('names the source and the vector of a malformed file', () => {
    const bytes = serializeWord2VecBinary(vectors);
    expect(() => parseWord2VecBinary(bytes.subarray(0, bytes.length - 3), 'v.bin')).toThrow(
      "parseWord2VecBinary: v.bin ends inside vector 6 ('白鯨'): 17 of its 20 bytes",
    );
    expect(() => parseWord2VecBinary(new TextEncoder().encode('2 1'), 'v.bin')).toThrow(
      "parseWord2VecBinary: v.bin has no header line ('<words> <dimension>' and a newline)",
    );
    expect(() => parseWord2VecBinary(new TextEncoder().encode('2 x\n'), 'v.bin')).toThrow(/v.bin line 1 must be '<words> <dimension>'/);
    expect(() => parseWord2VecBinary(Uint8Array.of(0x32, 0x20, 0x31, 0x0a, 0x61, 0x20, 0, 0, 0x80, 0x3f), 'v.bin')).toThrow(
      "parseWord2VecBinary: v.bin ends at byte 10, in vector 2 of the header's 2",
    );
    expect(() => parseWord2VecBinary(Uint8Array.of(0x31, 0x20, 0x31, 0x0a, 0x61, 0x20, 0, 0, 0x80, 0x3f, 0x62), 'v.bin')).toThrow(
      "parseWord2VecBinary: v.bin has 1 more bytes after the header's 1 vectors",
    );
  });
});
