/**
 * A run directory, or one of its files, that cannot be read: missing, not JSON, or a field
 * of the wrong type. The message names the file (and the line of metrics.jsonl), so a
 * command can print it alone, without a stack trace.
 *
 * @example
 * throw new RunFileError('/runs/a/metrics.jsonl:12: not valid JSON', '/runs/a/metrics.jsonl', 12);
 */
export class RunFileError extends Error {
  override readonly name = 'RunFileError';

  /**
   * @param message The whole message, starting with the file (and line).
   * @param file The path of the file or directory at fault.
   * @param line The 1-based line number, for metrics.jsonl.
   */
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}
