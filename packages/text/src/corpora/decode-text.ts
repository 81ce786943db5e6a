import { TextFileError } from './text-file-error.js';

/**
 * Decodes the bytes of a text file as strict UTF-8, or throws a `TextFileError` naming
 * `file`: when it is empty (or only whitespace), binary (it holds a NUL byte, which no
 * text file has), or not UTF-8 (an invalid byte sequence, its offset given). A leading
 * byte-order mark is dropped.
 *
 * @example
 * decodeText(new TextEncoder().encode('Call me Ishmael.'), 'a.txt'); // 'Call me Ishmael.'
 * decodeText(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0), 'x.txt');     // throws: binary (a NUL byte at offset 4)
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new TextFileError(file, `binary (a NUL byte at offset ${nul})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TextFileError(file, `not UTF-8 (an invalid byte sequence at offset ${firstInvalidUtf8(bytes)})`);
  }
  if (text.trim().length === 0) throw new TextFileError(file, bytes.length === 0 ? 'empty' : 'empty (only whitespace)');
  return text;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}
