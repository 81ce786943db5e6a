import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '@selfsup/core/node';
import { parseWord2VecBinary, serializeWord2VecBinary } from './word2vec-binary-format.js';
import { parseWord2VecText, serializeWord2VecText } from './word2vec-text-format.js';
import { WordVectors } from './word-vectors.js';

/** Options of `loadWord2VecFormat` and `saveWord2VecFormat`. */
export interface Word2VecFormatOptions {
  /** The binary format (word2vec.c's `-binary 1`) instead of text. Default false, as gensim's `binary=False`. */
  binary?: boolean;
}

/**
 * Reads a word2vec text or binary file (as gensim's `KeyedVectors.load_word2vec_format`);
 * errors name the file and the line or vector.
 *
 * @example
 * const vectors = await loadWord2VecFormat('vectors.bin', { binary: true });
 * vectors.mostSimilar('king', 5);
 */
export async function loadWord2VecFormat(path: string, options: Word2VecFormatOptions = {}): Promise<WordVectors> {
  if (typeof path !== 'string') throw new Error(`loadWord2VecFormat: path must be a string, got ${typeof path}`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`loadWord2VecFormat: cannot read ${path}: ${(error as Error).message}`);
  }
  return options.binary ? parseWord2VecBinary(bytes, path) : parseWord2VecText(bytes, path);
}

/**
 * Writes `vectors` as a word2vec text or binary file, as gensim's `save_word2vec_format`
 * writes them (gensim and word2vec.c's tools read both), atomically (a temporary file renamed
 * over it), creating its folder.
 *
 * @example
 * await saveWord2VecFormat('vectors.txt', model.vectors);
 * await saveWord2VecFormat('vectors.bin', model.vectors, { binary: true });
 */
export async function saveWord2VecFormat(path: string, vectors: WordVectors, options: Word2VecFormatOptions = {}): Promise<void> {
  if (typeof path !== 'string') throw new Error(`saveWord2VecFormat: path must be a string, got ${typeof path}`);
  if (!(vectors instanceof WordVectors)) throw new Error(`saveWord2VecFormat: vectors must be WordVectors (model.vectors), got ${typeof vectors}`);
  const content = options.binary ? serializeWord2VecBinary(vectors) : serializeWord2VecText(vectors);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomically(path, content);
}
