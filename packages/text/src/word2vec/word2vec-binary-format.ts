import { parseHeader } from './word2vec-text-format.js';
import { WordVectors } from './word-vectors.js';

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * Reads the word2vec binary format (word2vec.c's `-binary 1`, gensim's
 * `save_word2vec_format(binary=True)`): a header line '<words> <dimension>\n', then per
 * word its UTF-8 bytes, a space and `dimension` little-endian float32s. A newline before a
 * word (word2vec.c writes one after each vector, gensim 4 does not) is skipped. A repeated
 * word keeps its first vector, as gensim. Throws naming `source` and the vector for a
 * malformed header or a file that ends early.
 *
 * @example
 * parseWord2VecBinary(serializeWord2VecBinary(vectors)).words; // vectors.words
 */
export function parseWord2VecBinary(bytes: Uint8Array, source = 'input'): WordVectors {
  const fn = 'parseWord2VecBinary';
  if (!(bytes instanceof Uint8Array)) throw new Error(`${fn}: bytes must be a Uint8Array, got ${typeof bytes}`);
  const headerEnd = bytes.indexOf(NEWLINE);
  if (headerEnd < 0) throw new Error(`${fn}: ${source} has no header line ('<words> <dimension>' and a newline)`);
  const { count, dimension } = parseHeader(fn, new TextDecoder().decode(bytes.subarray(0, headerEnd)), source);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const words: string[] = [];
  const data = new Float32Array(count * dimension);
  const dataBytes = new Uint8Array(data.buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vectorBytes = dimension * 4;
  const seen = new Set<string>();
  let position = headerEnd + 1;
  for (let read = 0; read < count; read++) {
    while (position < bytes.length && bytes[position] === NEWLINE) position++;
    const space = bytes.indexOf(SPACE, position);
    if (space < 0 || space === position) {
      const what = space < 0 ? 'ends' : 'has an empty word';
      throw new Error(`${fn}: ${source} ${what} at byte ${position}, in vector ${read + 1} of the header's ${count}`);
    }
    let word: string;
    try {
      word = decoder.decode(bytes.subarray(position, space));
    } catch {
      throw new Error(`${fn}: ${source}: the word of vector ${read + 1} (byte ${position}) is not valid UTF-8`);
    }
    position = space + 1;
    if (position + vectorBytes > bytes.length) {
      throw new Error(
        `${fn}: ${source} ends inside vector ${read + 1} ('${word.slice(0, 40)}'): ${bytes.length - position} of its ${vectorBytes} bytes`,
      );
    }
    if (!seen.has(word)) {
      seen.add(word);
      const offset = words.length * dimension;
      if (LITTLE_ENDIAN) dataBytes.set(bytes.subarray(position, position + vectorBytes), offset * 4);
      else for (let k = 0; k < dimension; k++) data[offset + k] = view.getFloat32(position + k * 4, true);
      words.push(word);
    }
    position += vectorBytes;
  }
  for (; position < bytes.length; position++) {
    const byte = bytes[position];
    if (byte !== NEWLINE && byte !== SPACE && byte !== 0x0d && byte !== 0x09) {
      throw new Error(`${fn}: ${source} has ${bytes.length - position} more bytes after the header's ${count} vectors`);
    }
  }
  return new WordVectors(words, dimension, words.length === count ? data : data.slice(0, words.length * dimension));
}

/**
 * Writes `vectors` in the word2vec binary format byte for byte as gensim 4's
 * `save_word2vec_format(binary=True)`: '<words> <dimension>\n', then per word its UTF-8
 * bytes, a space and its float32s little-endian, with no newline between vectors.
 *
 * @example
 * serializeWord2VecBinary(new WordVectors(['a'], 1, Float32Array.of(1))); // '1 1\na ' + 00 00 80 3f
 */
export function serializeWord2VecBinary(vectors: WordVectors): Uint8Array {
  if (!(vectors instanceof WordVectors)) throw new Error(`serializeWord2VecBinary: vectors must be WordVectors, got ${typeof vectors}`);
  const { words, dimension, data } = vectors;
  const encoder = new TextEncoder();
  const header = encoder.encode(`${words.length} ${dimension}\n`);
  const encoded = words.map((word) => encoder.encode(`${word} `));
  const vectorBytes = dimension * 4;
  const bytes = new Uint8Array(header.length + encoded.reduce((sum, word) => sum + word.length + vectorBytes, 0));
  const view = new DataView(bytes.buffer);
  bytes.set(header, 0);
  let position = header.length;
  for (let i = 0; i < words.length; i++) {
    bytes.set(encoded[i], position);
    position += encoded[i].length;
    if (LITTLE_ENDIAN) bytes.set(new Uint8Array(data.buffer, data.byteOffset + i * vectorBytes, vectorBytes), position);
    else for (let k = 0; k < dimension; k++) view.setFloat32(position + k * 4, data[i * dimension + k], true);
    position += vectorBytes;
  }
  return bytes;
}
