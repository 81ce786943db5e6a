import type { ImageDecodeError } from './image-decode-error.js';

export interface SkippedImagesOptions {
  /**
   * Fail instead of skipping: the first file that does not decode throws its
   * `ImageDecodeError` (the command line's `--strict-data`). Default false.
   */
  strict?: boolean;
  /** Receives the one warning line of each skipped file. Default console.warn. */
  warn?: (line: string) => void;
}

/**
 * The files of a run that failed to decode: each is warned about once, counted, and
 * never decoded again (a later batch, probe or epoch that meets it skips it at once).
 * One instance is shared by everything that loads a dataset's images, so the count is the
 * run's. With `strict`, `record` throws instead.
 *
 * @example
 * const skipped = new SkippedImages({ warn: (line) => process.stderr.write(`${line}\n`) });
 * const { images, rows } = await loadImageRows(files, [0, 1, 2], { size: [32, 32], channels: 3, skipped });
 * console.log(skipped.count); // 1 if one of the three files is a truncated PNG
 */
export class SkippedImages {
  private readonly reasons = new Map<string, string>();

  constructor(private readonly options: SkippedImagesOptions = {}) {}

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

  /** Whether `file` already failed to decode. */
  has(file: string): boolean {
    return this.reasons.has(file);
  }

  /**
   * Records a file that failed to decode: one warning line naming it the first time, then
   * silence. Throws the error itself when strict.
   */
  record(error: ImageDecodeError): void {
    if (this.strict) throw error;
    if (this.reasons.has(error.file)) return;
    this.reasons.set(error.file, error.reason);
    const warn = this.options.warn ?? ((line: string) => console.warn(line));
    warn(`selfsup: skipping ${error.file}: it does not decode (${error.reason})`);
  }
}
