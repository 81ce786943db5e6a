/** An input file that cannot be used: which file, and why (one line). */
export interface UnusableFileError extends Error {
  readonly file: string;
  readonly reason: string;
}

export interface SkippedFilesOptions {
  /** Fail instead of skipping: the first unusable file throws its error (the command line's `--strict-data`). Default false. */
  strict?: boolean;
  /** Receives the one warning line of each skipped file. Default console.warn. */
  warn?: (line: string) => void;
}

/**
 * The input files of a run that could not be used (an image that does not decode, a text
 * file that is empty or binary): each is warned about once, by name, counted, and never
 * tried again; with `strict`, `record` throws instead. One instance is shared by everything
 * that loads a dataset, so the count is the run's. Each modality names its own reasons
 * (`SkippedImages`, `SkippedTextFiles` extend it).
 *
 * @example
 * const skipped = new SkippedFiles<ImageDecodeError>({ warn: (line) => process.stderr.write(`${line}\n`) });
 * skipped.record(error); // "selfsup: skipping photos/7.png: <why>" once; skipped.count === 1
 */
export class SkippedFiles<E extends UnusableFileError> {
  private readonly reasons = new Map<string, string>();

  constructor(private readonly options: SkippedFilesOptions = {}) {}

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

  /** Whether `file` was skipped already. */
  has(file: string): boolean {
    return this.reasons.has(file);
  }

  /** Why `file` was skipped, or undefined. */
  reason(file: string): string | undefined {
    return this.reasons.get(file);
  }

  /** Records an unusable file: one warning line naming it the first time, then silence. Throws the error itself when strict. */
  record(error: E): void {
    if (this.strict) throw error;
    if (this.reasons.has(error.file)) return;
    this.reasons.set(error.file, error.reason);
    const warn = this.options.warn ?? ((line: string) => console.warn(line));
    warn(`selfsup: skipping ${error.file}: ${this.describe(error)}`);
  }

  /** The warning's explanation of `error` (its reason; a modality may phrase it). */
  protected describe(error: E): string {
    return error.reason;
  }
}
