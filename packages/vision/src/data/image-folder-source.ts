import { type BatchSource, batchLoader } from '@selfsup/core';
import type { ImageFolder } from './image-folder.js';
import { loadImage } from './load-image.js';
import type { FloatImages } from './select-images.js';

/** A batch of a folder's images: pixels in [0, 1] and labels when the folder has classes. */
export interface ImageFolderBatch {
  images: FloatImages;
  labels: Int32Array | null;
}

/**
 * Streams a folder's images as batches for `train`: a seeded shuffle per epoch, files
 * decoded with sharp only when their batch is due (a few batches ahead), so a large folder
 * never sits in memory.
 *
 * @example
 * const folder = await scanImageFolder('data/pets', { unreadable: 'skip' });
 * const data = imageFolderSource(folder, { size: [64, 64], channels: 3, batchSize: 128 });
 */
export function imageFolderSource(
  folder: ImageFolder,
  options: { size: [number, number]; channels: 1 | 3; batchSize: number; shuffle?: boolean; dropLast?: boolean; prefetch?: number },
): BatchSource<ImageFolderBatch> {
  const [height, width] = options.size;
  const size = height * width * options.channels;
  return batchLoader({
    size: folder.files.length,
    batchSize: options.batchSize,
    shuffle: options.shuffle,
    dropLast: options.dropLast,
    prefetch: options.prefetch,
    dispose: () => {},
    load: async (indices) => {
      const data = new Float32Array(indices.length * size);
      const pixels = await Promise.all(indices.map((i) => loadImage(folder.files[i], options)));
      pixels.forEach((p, n) => {
        data.set(p, n * size);
      });
      return {
        images: { data, batch: indices.length, height, width, channels: options.channels },
        labels: folder.labels ? Int32Array.from(indices, (i) => folder.labels![i]) : null,
      };
    },
  });
}
