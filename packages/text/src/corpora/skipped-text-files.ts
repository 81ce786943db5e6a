import { SkippedFiles, type SkippedFilesOptions } from '@selfsup/core';
import type { TextFileError } from './text-file-error.js';

export type SkippedTextFilesOptions = SkippedFilesOptions;

/**
 * The files of a corpus that are not usable text (empty, binary, not UTF-8): core's
 * `SkippedFiles` for text files, each warned about once by name and counted; with
 * `strict`, `record` throws instead. The text counterpart of `@selfsup/vision`'s `SkippedImages`.
 *
 * @example
 * const skipped = new SkippedTextFiles({ warn: (line) => process.stderr.write(`${line}\n`) });
 * const documents = await loadTextFiles('corpus/', { skipped });
 * skipped.files; // ['corpus/cover.jpg.txt'] if that file is binary
 */
export class SkippedTextFiles extends SkippedFiles<TextFileError> {}
