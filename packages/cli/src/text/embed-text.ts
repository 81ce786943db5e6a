import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '@selfsup/core';
import { type TextObjectiveName, WordVectors, encoderInputIds, parseWord2VecText, textEmbeddings, textRecipeFor } from '@selfsup/text';
import { loadRunEncoder } from '../load-encoder.js';
import { RUN_FILES } from '../run-files.js';
import { UsageError } from '../usage-error.js';
import { readRunTokenizer } from './run-tokenizer.js';
import { isWordVectorMethod } from './run-word-vectors.js';

/** What `selfsup embed` writes for a text run: one row per line of the input. */
export interface TextEmbeddings {
  /** The input's lines that were embedded, in row order. */
  items: string[];
  values: Float32Array;
  dimension: number;
  /** Lines left out: a word-vector run's unknown words. */
  missing: string[];
}

/**
 * Embeds the lines of a UTF-8 file with a text run: a word-vector run looks each line up as
 * a word (lower-cased; unknown words are left out and listed), a language-model run encodes
 * each line as a text framed as its objective's encoder reads it ([CLS] ... [SEP] for BERT,
 * ... </s> for T5, <s> ... </s> for BART) and mean-pools the final hidden states over its
 * tokens (`textEmbeddings`). Blank lines are skipped.
 *
 * @example
 * const { items, values, dimension } = await embedTextLines('runs/bert-sotu', config, 'sentences.txt', console.error);
 */
export async function embedTextLines(
  directory: string,
  config: Record<string, unknown>,
  input: string,
  warn: (line: string) => void,
): Promise<TextEmbeddings> {
  const text = await readFile(input, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `--input '${input}': ${error.code === 'ENOENT' ? 'no such file' : error.message} (a text run embeds the lines of a UTF-8 file)`,
    );
  });
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) throw new UsageError(`--input '${input}' has no non-blank line to embed`);
  const method = String(config.method);
  if (isWordVectorMethod(method)) {
    const vectors: WordVectors = parseWord2VecText(await readFile(join(directory, RUN_FILES.vectorsText), 'utf8'));
    const items = lines.map((line) => line.toLowerCase()).filter((word) => vectors.has(word));
    const missing = lines.filter((line) => !vectors.has(line.toLowerCase()));
    if (missing.length > 0)
      warn(
        `selfsup: ${missing.length} word${missing.length === 1 ? '' : 's'} not in the vocabulary, left out: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`,
      );
    const values = new Float32Array(items.length * vectors.dimension);
    for (const [i, word] of items.entries()) values.set(vectors.vector(word), i * vectors.dimension);
    return { items, values, dimension: vectors.dimension, missing };
  }
  await initBackend();
  const recipe = textRecipeFor(method);
  const tokenizer = await readRunTokenizer(recipe, join(directory, RUN_FILES.tokenizer));
  const model = await loadRunEncoder(directory, { warn, model: method === 'gpt' ? 'encoder' : method });
  try {
    const ids = lines.map((line) =>
      encoderInputIds(method as TextObjectiveName, tokenizer.encode(line), {
        specialTokens: tokenizer.specialTokens,
        maxLength: recipe.contextLength,
      }),
    );
    const features = await textEmbeddings(model, ids, { padId: tokenizer.specialTokens.pad ?? 0 });
    return { items: lines, values: features.values as Float32Array, dimension: features.dimension, missing: [] };
  } finally {
    model.dispose();
  }
}
