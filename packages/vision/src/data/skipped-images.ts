import { SkippedFiles, type SkippedFilesOptions } from '@selfsup/core';
import type { ImageDecodeError } from './image-decode-error.js';

export type SkippedImagesOptions = SkippedFilesOptions;

/**
 * The image files of a run that failed to decode (core's `SkippedFiles` for images): each is
 * warned about once ("it does not decode"), counted, and never decoded again, so a later
 * batch, probe or epoch that meets it skips it at once. With `strict`, `record` throws.
 *
 * @example
 * const skipped = new SkippedImages({ warn: (line) => process.stderr.write(`${line}\n`) });
 * const { images, rows } = await loadImageRows(files, [0, 1, 2], { size: [32, 32], channels: 3, skipped });
 * console.log(skipped.count); // 1 if one of the three files is a truncated PNG
 */
export class SkippedImages extends SkippedFiles<ImageDecodeError> {
  protected override describe(error: ImageDecodeError): string {
    return `it does not decode (${error.reason})`;
  }
}
