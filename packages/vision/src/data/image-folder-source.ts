import { type BatchSource, batchLoader } from '@selfsup/core';
import type { ImageFolder } from './image-folder.js';
import { loadImageRows } from './load-image-rows.js';
import type { FloatImages } from './select-images.js';
import { SkippedImages } from './skipped-images.js';

/** A batch of a folder's images: pixels in [0, 1] and labels when the folder has classes. */
export interface ImageFolderBatch {
  images: FloatImages;
  labels: Int32Array | null;
}

/**
 * Streams a folder's images as batches for `train`: a seeded shuffle per epoch, files
 * decoded with sharp only when their batch is due (a few batches ahead), so a large folder
 * never sits in memory. A file that does not decode is skipped (one warning, counted in
 * `skipped`) and its place in the batch taken by the next file that decodes, so batches
 * keep their size; with `skipped` strict, the batch fails instead, naming the file.
 *
 * @example
 * const folder = await scanImageFolder('data/pets', { unreadable: 'skip' });
 * const skipped = new SkippedImages();
 * const data = imageFolderSource(folder, { size: [64, 64], channels: 3, batchSize: 128, skipped });
 */
export function imageFolderSource(
  folder: ImageFolder,
  options: {
    size: [number, number];
    channels: 1 | 3;
    batchSize: number;
    shuffle?: boolean;
    dropLast?: boolean;
    prefetch?: number;
    skipped?: SkippedImages;
  },
): BatchSource<ImageFolderBatch> {
  const skipped = options.skipped ?? new SkippedImages();
  return batchLoader({
    size: folder.files.length,
    batchSize: options.batchSize,
    shuffle: options.shuffle,
    dropLast: options.dropLast,
    prefetch: options.prefetch,
    dispose: () => {},
    load: async (indices) => {
      const { images, rows } = await loadImageRows(folder.files, indices, { size: options.size, channels: options.channels, skipped, refill: true });
      return { images, labels: folder.labels ? Int32Array.from(rows, (i) => folder.labels![i]) : null };
    },
  });
}
