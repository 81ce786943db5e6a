/** A file that is not usable text: empty, binary, or not UTF-8. Names the file and why. */
export class TextFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'TextFileError';
  }
}
