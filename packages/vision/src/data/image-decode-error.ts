/**
 * A file that is not a decodable image: a truncated PNG whose header is intact, random
 * bytes with an image extension, an unsupported format. Thrown by `loadImage`; the loaders
 * of a folder (`loadImageRows`) skip such a file instead of failing the run.
 *
 * @example
 * try {
 *   await loadImage('photos/cut.png', { size: [32, 32], channels: 3 });
 * } catch (error) {
 *   if (error instanceof ImageDecodeError) console.warn(`skipping ${error.file}: ${error.reason}`);
 * }
 */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';

  /**
   * @param file The image file, as it was given to the decoder.
   * @param reason The decoder's own message, first line only (e.g. "VipsPngload: libspng read error").
   */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`loadImage: cannot decode ${file} (${reason}); expected a PNG, JPEG or WebP image`);
  }
}
