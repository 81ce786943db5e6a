import type { TextFileError } from './text-file-error.js';

export interface SkippedTextFilesOptions {
  /** Fail instead of skipping: the first unusable file throws its `TextFileError`. Default false. */
  strict?: boolean;
  /** Receives the one warning line of each skipped file. Default console.warn. */
  warn?: (line: string) => void;
}

/**
 * The files of a corpus that are not usable text (empty, binary, not UTF-8): each is warned
 * about once, by name, and counted; with `strict`, `record` throws instead. The text
 * counterpart of `@selfsup/vision`'s `SkippedImages`.
 *
 * @example
 * const skipped = new SkippedTextFiles({ warn: (line) => process.stderr.write(`${line}\n`) });
 * const documents = await loadTextFiles('corpus/', { skipped });
 * skipped.files; // ['corpus/cover.jpg.txt'] if that file is binary
 */
export class SkippedTextFiles {
  private readonly reasons = new Map<string, string>();

  constructor(private readonly options: SkippedTextFilesOptions = {}) {}

  /** Whether failures throw rather than skip. */
  get strict(): boolean {
    return this.options.strict ?? false;
  }

  /** Distinct files skipped so far. */
  get count(): number {
    return this.reasons.size;
  }

  /** The skipped files, in the order they were met. */
  get files(): string[] {
    return [...this.reasons.keys()];
  }

  /** Why `file` was skipped, or undefined. */
  reason(file: string): string | undefined {
    return this.reasons.get(file);
  }

  /** Records an unusable file: one warning line naming it, then silence. Throws the error itself when strict. */
  record(error: TextFileError): void {
    if (this.strict) throw error;
    if (this.reasons.has(error.file)) return;
    this.reasons.set(error.file, error.reason);
    const warn = this.options.warn ?? ((line: string) => console.warn(line));
    warn(`selfsup: skipping ${error.file}: ${error.reason}`);
  }
}
