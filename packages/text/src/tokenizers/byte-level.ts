/**
 * GPT-2's byte-to-unicode table (Radford et al. 2019, `encoder.py` `bytes_to_unicode`): each
 * of the 256 byte values maps to one printable character, so that byte-level BPE can work on
 * strings without whitespace or control characters in its vocabulary. The 188 printable
 * Latin-1 bytes map to themselves; the other 68 (controls, space, soft hyphen...) map to
 * U+0100 onwards in byte order (space, 0x20, becomes 'Ġ' U+0120; newline becomes 'Ċ').
 *
 * @example
 * BYTE_TO_UNICODE[0x20]; // 'Ġ'
 * BYTE_TO_UNICODE[0x41]; // 'A'
 */
export const BYTE_TO_UNICODE: readonly string[] = buildByteToUnicode();

/** The inverse of `BYTE_TO_UNICODE`: character -> byte value. */
export const UNICODE_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_UNICODE.map((character, byte) => [character, byte]));

/**
 * GPT-2's pre-tokenization pattern: contractions, runs of letters, of digits, of other
 * symbols (each optionally after one space), and whitespace (a run of spaces keeps its last
 * space for the next word). The same pattern as Hugging Face's `ByteLevel` pre-tokenizer
 * with `use_regex: true` and OpenAI's `encoder.py`.
 */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

function buildByteToUnicode(): string[] {
  const printable = (byte: number) => (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
  const table: string[] = new Array(256);
  let next = 0;
  for (let byte = 0; byte < 256; byte++) {
    table[byte] = String.fromCodePoint(printable(byte) ? byte : 256 + next++);
  }
  return table;
}

const encoder = new TextEncoder();

/**
 * Splits text the way GPT-2 does before BPE: the `GPT2_PATTERN` pieces, each written as its
 * UTF-8 bytes through `BYTE_TO_UNICODE`.
 *
 * @example
 * byteLevelPieces("Hello world's"); // ['Hello', 'Ġworld', "'s"]
 */
export function byteLevelPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(GPT2_PATTERN)) {
    let piece = '';
    for (const byte of encoder.encode(match[0])) piece += BYTE_TO_UNICODE[byte];
    pieces.push(piece);
  }
  return pieces;
}
