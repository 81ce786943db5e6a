import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenizerFiles } from './tokenizer-json.js';

/**
 * Writes `tokenizer.json` and `tokenizer_config.json` into `directory` (created if needed):
 * the folder layout of a Hugging Face model, which Transformers.js' `AutoTokenizer` loads
 * (`env.localModelPath` = the parent folder, the folder name as model id).
 *
 * @example
 * await saveTokenizerFiles('models/moby-bpe', trainByteLevelBpe(sentences, { vocabSize: 4000 }));
 */
export async function saveTokenizerFiles(directory: string, files: TokenizerFiles): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'tokenizer.json'), `${JSON.stringify(files.tokenizer, null, 2)}\n`);
  await writeFile(join(directory, 'tokenizer_config.json'), `${JSON.stringify(files.config, null, 2)}\n`);
}

/**
 * Reads `tokenizer.json` (and `tokenizer_config.json`, `{}` when absent) from `directory`:
 * a folder written by `saveTokenizerFiles` or downloaded from the Hugging Face Hub.
 *
 * @example
 * const tokenizer = TextTokenizer.fromFiles(await readTokenizerFiles('models/moby-bpe'));
 */
export async function readTokenizerFiles(directory: string): Promise<TokenizerFiles> {
  const path = join(directory, 'tokenizer.json');
  let tokenizer: TokenizerFiles['tokenizer'];
  try {
    tokenizer = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`readTokenizerFiles: cannot read ${path}: ${(error as Error).message}`);
  }
  const config = await readFile(join(directory, 'tokenizer_config.json'), 'utf8').then(JSON.parse, () => ({}));
  return { tokenizer, config };
}
