import { readFile } from 'node:fs/promises';
import { type IdxArray, parseIdx } from './idx.js';

/**
 * Reads and parses an IDX file from disk; errors name the file.
 *
 * @example
 * const images = await readIdxFile('data/train-images-idx3-ubyte'); // shape [60000, 28, 28]
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`readIdxFile: cannot read ${path}: ${(error as Error).message}`);
  }
  return parseIdx(bytes, path);
}
