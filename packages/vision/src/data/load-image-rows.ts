import { ImageDecodeError } from './image-decode-error.js';
import { type LoadImageOptions, loadImage } from './load-image.js';
import type { FloatImages } from './select-images.js';
import { SkippedImages } from './skipped-images.js';

/** Images loaded from some rows of a file list, and which rows they are. */
export interface LoadedImageRows {
  /** [B, H, W, C] float32 in [0, 1], one image per entry of `rows`. */
  images: FloatImages;
  /** The row (index into the file list) of each image, in order. */
  rows: number[];
}

export interface LoadImageRowsOptions extends LoadImageOptions {
  /** Where files that do not decode are recorded (warned once, counted; strict: thrown). Default: a new one. */
  skipped?: SkippedImages;
  /**
   * What a file that does not decode leaves behind. false (default): nothing, the batch is
   * shorter and `rows` says which rows it holds (probes, embeddings: every row keeps its
   * label). true: its place is taken by the next row of the list (cyclically) that decodes,
   * so a training batch keeps its size (contrastive losses, queues and worker splits count
   * on it); the choice depends only on the files, so a resumed run makes the same one.
   */
  refill?: boolean;
}

/**
 * Decodes the images at `rows` of `files` (resized as `loadImage` does), skipping any file
 * that does not decode instead of failing: it is warned about once and counted in
 * `options.skipped`, and never decoded again. Every decode is awaited, failed or not,
 * before this returns or throws. Errors other than a file that does not decode (bad
 * options) are thrown as they are.
 *
 * @example
 * const skipped = new SkippedImages();
 * const batch = await loadImageRows(folder.files, [4, 8, 15], { size: [32, 32], channels: 3, skipped, refill: true });
 * batch.images.batch; // 3, even if 8 is a truncated PNG (then batch.rows is [4, 9, 15])
 */
export async function loadImageRows(files: readonly string[], rows: readonly number[], options: LoadImageRowsOptions): Promise<LoadedImageRows> {
  const skipped = options.skipped ?? new SkippedImages();
  const decode = { size: options.size, channels: options.channels };
  for (const row of rows) {
    if (!Number.isInteger(row) || row < 0 || row >= files.length) throw new Error(`loadImageRows: row ${row} is outside the ${files.length} files`);
  }
  // null: a file already known not to decode.
  const attempt = (row: number): Promise<Float32Array | null> => (skipped.has(files[row]) ? Promise.resolve(null) : loadImage(files[row], decode));
  const settled = await Promise.allSettled(rows.map(attempt));
  const kept: { row: number; pixels: Float32Array }[] = [];
  const failed: number[] = [];
  for (const [k, result] of settled.entries()) {
    if (result.status === 'fulfilled' && result.value) kept.push({ row: rows[k], pixels: result.value });
    else if (result.status === 'fulfilled') failed.push(k);
    else if (result.reason instanceof ImageDecodeError) {
      skipped.record(result.reason);
      failed.push(k);
    } else throw result.reason;
  }
  if (options.refill && failed.length > 0) {
    for (const k of failed) kept.splice(k, 0, await nextDecodable(files, rows[k], decode, skipped));
  }
  const [height, width] = options.size;
  const size = height * width * options.channels;
  const data = new Float32Array(kept.length * size);
  kept.forEach(({ pixels }, n) => {
    data.set(pixels, n * size);
  });
  return { images: { data, batch: kept.length, height, width, channels: options.channels }, rows: kept.map(({ row }) => row) };
}

/** The first row after `row` (cyclically) whose file decodes; throws when none does. */
async function nextDecodable(
  files: readonly string[],
  row: number,
  decode: LoadImageOptions,
  skipped: SkippedImages,
): Promise<{ row: number; pixels: Float32Array }> {
  for (let step = 1; step <= files.length; step++) {
    const candidate = (row + step) % files.length;
    if (skipped.has(files[candidate])) continue;
    try {
      return { row: candidate, pixels: await loadImage(files[candidate], decode) };
    } catch (error) {
      if (!(error instanceof ImageDecodeError)) throw error;
      skipped.record(error);
    }
  }
  throw new Error(`loadImageRows: none of the ${files.length} images decodes (${skipped.count} skipped); nothing left to train on`);
}
