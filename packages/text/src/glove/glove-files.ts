import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '@selfsup/core/node';
import { type FormatGloveTextOptions, formatGloveText, parseGloveText } from './glove-text-format.js';
import type { WordVectors } from '../word2vec/word-vectors.js';

/**
 * Writes `vectors` to `file` in GloVe's text format (`word v1 ... vd` per line, no header),
 * atomically (a temporary file renamed over it), creating its folder.
 * Node only.
 *
 * @example
 * await saveGloveText('models/moby-glove.txt', vectors);
 */
export async function saveGloveText(file: string, vectors: WordVectors, options: FormatGloveTextOptions = {}): Promise<void> {
  if (typeof file !== 'string' || file === '') throw new Error(`saveGloveText: file must be a path, got ${JSON.stringify(file)}`);
  const text = formatGloveText(vectors, options);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomically(file, text);
}

/**
 * Reads word vectors from a GloVe or word2vec text file (e.g. Stanford's glove.6B.50d.txt).
 * Node only.
 *
 * @example
 * const vectors = await loadGloveText('glove.6B.50d.txt');
 * vectors.mostSimilar('frog', 5);
 */
export async function loadGloveText(file: string): Promise<WordVectors> {
  if (typeof file !== 'string' || file === '') throw new Error(`loadGloveText: file must be a path, got ${JSON.stringify(file)}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`loadGloveText: cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return parseGloveText(text);
  } catch (error) {
    throw new Error(`loadGloveText: ${file}: ${(error as Error).message.replace(/^parseGloveText: /, '')}`);
  }
}
