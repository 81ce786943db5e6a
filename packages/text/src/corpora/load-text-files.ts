import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { decodeText } from './decode-text.js';
import { SkippedTextFiles } from './skipped-text-files.js';
import { TextFileError } from './text-file-error.js';
import type { TextDocument } from './text-document.js';

export interface LoadTextFilesOptions {
  /** File extensions read from a folder (lower case, with the dot). Default ['.txt']. */
  extensions?: readonly string[];
  /** Where unusable files are recorded (and whether they throw). Default: a new `SkippedTextFiles` (warn and skip). */
  skipped?: SkippedTextFiles;
  /** Shorthand for `skipped: new SkippedTextFiles({ strict: true })`. */
  strict?: boolean;
}

/**
 * Reads a corpus from disk: a single text file (one document), or a folder whose files with
 * the given extensions (default .txt), in sub-folders too, are one document each, in sorted
 * path order. Every file is strict UTF-8 (`decodeText`): an empty, binary or non-UTF-8 file
 * is skipped with one warning naming it, or with `strict` throws a `TextFileError` naming it.
 * Ids are paths relative to the folder (the file name for a single file).
 *
 * @example
 * const documents = await loadTextFiles('data/books');            // every .txt under data/books
 * const [book] = await loadTextFiles('moby.txt', { strict: true }); // one document, or an error
 */
export async function loadTextFiles(path: string, options: LoadTextFilesOptions = {}): Promise<TextDocument[]> {
  const skipped = options.skipped ?? new SkippedTextFiles({ strict: options.strict });
  const extensions = (options.extensions ?? ['.txt']).map((extension) => extension.toLowerCase());
  const info = await stat(path).catch(() => {
    throw new Error(`loadTextFiles: ${path} does not exist`);
  });
  if (info.isFile()) {
    const text = decodeText(new Uint8Array(await readFile(path)), path);
    return [{ id: path.split(/[\\/]/).pop()!, text }];
  }
  const files = (await listFiles(path)).filter((file) => extensions.includes(extname(file).toLowerCase())).sort();
  if (files.length === 0) throw new Error(`loadTextFiles: ${path} holds no ${extensions.join(' or ')} file`);
  const documents: TextDocument[] = [];
  for (const file of files) {
    try {
      documents.push({ id: relative(path, file), text: decodeText(new Uint8Array(await readFile(file)), file) });
    } catch (error) {
      if (!(error instanceof TextFileError)) throw error;
      skipped.record(error);
    }
  }
  if (documents.length === 0) throw new Error(`loadTextFiles: none of the ${files.length} files under ${path} is usable text`);
  return documents;
}

async function listFiles(directory: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}
