import { describe, expect, it } from 'vitest';
import { BYTE_TO_UNICODE, byteLevelPieces, UNICODE_TO_BYTE } from './byte-level.js';

describe('GPT-2 byte-level mapping', () => {
  it("maps 256 bytes to 256 distinct printable characters, as OpenAI's bytes_to_unicode", () => {
    expect(new Set(BYTE_TO_UNICODE).size).toBe(256);
    expect(BYTE_TO_UNICODE[0x20]).toBe('Ġ');
    expect(BYTE_TO_UNICODE[0x0a]).toBe('Ċ');
    expect(BYTE_TO_UNICODE[0x00]).toBe('Ā');
    expect(BYTE_TO_UNICODE[0x41]).toBe('A');
    expect(BYTE_TO_UNICODE[0xad]).toBe('\u0143'); // soft hyphen, the last unprintable: U+0100 + 67
    expect(UNICODE_TO_BYTE.get('Ġ')).toBe(0x20);
  });

  it("splits with GPT-2's pattern and writes each piece as bytes", () => {
    expect(byteLevelPieces("Hello world's  end\n")).toEqual(['Hello', 'Ġworld', "'s", 'Ġ', 'Ġend', 'Ċ']);
    // '—' is three UTF-8 bytes, E2 80 94.
    expect(byteLevelPieces('ago—never')).toEqual(['ago', 'âĢĶ', 'never']);
  });
});
