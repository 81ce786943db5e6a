import { float32Text } from './float32-text.js';
import { WordVectors } from './word-vectors.js';

/**
 * Reads the word2vec text format (word2vec.c's `-binary 0`, gensim's
 * `save_word2vec_format(binary=False)`): a header line '<words> <dimension>', then one line
 * per word, 'word v1 ... vd' separated by spaces (a trailing space, as word2vec.c writes,
 * is fine). A repeated word keeps its first vector, as gensim. Throws naming `source` and the
 * line for a malformed header, a line without `dimension` numbers, or a line count that
 * differs from the header's.
 *
 * @example
 * parseWord2VecText('2 3\nking 0.1 0.2 0.3\nqueen 0.1 0.25 0.3\n').vector('queen'); // Float32Array [0.1, 0.25, 0.3]
 */
export function parseWord2VecText(text: string | Uint8Array, source = 'input'): WordVectors {
  const fn = 'parseWord2VecText';
  const content = typeof text === 'string' ? text : decodeUtf8(fn, text, source);
  if (typeof content !== 'string') throw new Error(`${fn}: text must be a string or a Uint8Array, got ${typeof text}`);
  const lines = content.split('\n');
  const { count, dimension } = parseHeader(fn, lines[0], source);
  const words: string[] = [];
  const data = new Float32Array(count * dimension);
  const seen = new Set<string>();
  let read = 0;
  let line = 1;
  for (; line < lines.length && read < count; line++) {
    const fields = lines[line].trim().split(/[ \t]+/);
    if (fields.length === 1 && fields[0] === '') {
      if (line === lines.length - 1) break;
      throw new Error(`${fn}: ${source} line ${line + 1} is empty; expected a word and ${dimension} numbers`);
    }
    if (fields.length !== dimension + 1) {
      throw new Error(
        `${fn}: ${source} line ${line + 1} has ${fields.length - 1} numbers after '${fields[0]}', expected ${dimension} (the header's dimension)`,
      );
    }
    read++;
    const word = fields[0];
    if (seen.has(word)) continue;
    seen.add(word);
    const offset = words.length * dimension;
    for (let k = 0; k < dimension; k++) data[offset + k] = parseNumber(fn, fields[k + 1], source, line + 1);
    words.push(word);
  }
  if (read < count) throw new Error(`${fn}: ${source} ends after ${read} vectors; its header says ${count}`);
  for (; line < lines.length; line++) {
    if (lines[line].trim() !== '') throw new Error(`${fn}: ${source} line ${line + 1}: more vectors than the header's ${count}`);
  }
  return new WordVectors(words, dimension, words.length === count ? data : data.slice(0, words.length * dimension));
}

/**
 * Writes `vectors` in the word2vec text format as gensim's
 * `save_word2vec_format(binary=False)` does: '<words> <dimension>\n', then 'word v1 ... vd\n'
 * per word, each value the shortest decimal that reads back as the same float32
 * (`float32Text`), so reading it back gives the same vectors bit for bit.
 *
 * @example
 * serializeWord2VecText(new WordVectors(['a'], 2, Float32Array.of(0.5, -1))); // '1 2\na 0.5 -1.0\n'
 */
export function serializeWord2VecText(vectors: WordVectors): string {
  if (!(vectors instanceof WordVectors)) throw new Error(`serializeWord2VecText: vectors must be WordVectors, got ${typeof vectors}`);
  const { words, dimension, data } = vectors;
  const lines = [`${words.length} ${dimension}`];
  const values = new Array<string>(dimension + 1);
  for (let i = 0; i < words.length; i++) {
    values[0] = words[i];
    for (let k = 0; k < dimension; k++) values[k + 1] = float32Text(data[i * dimension + k]);
    lines.push(values.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The header of a word2vec file: '<words> <dimension>'. Throws naming `source` otherwise.
 *
 * @example
 * parseHeader('parseWord2VecText', '3 100', 'vectors.txt'); // { count: 3, dimension: 100 }
 */
export function parseHeader(fn: string, header: string | undefined, source: string): { count: number; dimension: number } {
  const fields = (header ?? '').trim().split(/[ \t]+/);
  const [count, dimension] = fields.map(Number);
  if (fields.length !== 2 || !Number.isInteger(count) || count < 0 || !Number.isInteger(dimension) || dimension < 1) {
    throw new Error(
      `${fn}: ${source} line 1 must be '<words> <dimension>' (two integers, dimension >= 1), got ${JSON.stringify((header ?? '').slice(0, 80))}`,
    );
  }
  return { count, dimension };
}

function parseNumber(fn: string, field: string, source: string, line: number): number {
  const value = Number(field);
  if (!Number.isNaN(value)) return value;
  const lower = field.toLowerCase();
  if (lower === 'nan' || lower === '-nan' || lower === '+nan') return Number.NaN;
  if (/^[+-]?inf(inity)?$/.test(lower)) return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  throw new Error(`${fn}: ${source} line ${line}: '${field.slice(0, 40)}' is not a number`);
}

function decodeUtf8(fn: string, bytes: Uint8Array, source: string): string {
  if (!(bytes instanceof Uint8Array)) throw new Error(`${fn}: text must be a string or a Uint8Array, got ${typeof bytes}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${fn}: ${source} is not valid UTF-8 (a binary word2vec file? use parseWord2VecBinary)`);
  }
}
