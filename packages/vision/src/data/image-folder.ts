import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { type FolderEntry, readFolderEntries } from './folder-entries.js';

/** File extensions read as images (case-insensitive). */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

/** The images of a folder: labelled when they sit in one sub-folder per class. */
export interface ImageFolder {
  root: string;
  files: string[];
  /** Class index of each file, or null for a flat, unlabelled folder. */
  labels: Int32Array | null;
  /** Class names (sub-folder names, sorted), empty for a flat folder. */
  classes: string[];
}

export interface ScanImageFolderOptions {
  /**
   * Check every file's header with sharp first. 'error' (default when checking): the first
   * unreadable file throws; 'skip': unreadable files are left out, each with a warning.
   * Without it, a bad file is reported when it is loaded.
   */
  unreadable?: 'error' | 'skip';
  /** Receives one line per skipped file (unreadable, or a symlink cycle or broken symlink). Default console.warn. */
  warn?: (message: string) => void;
}

/**
 * Lists the images of a folder in the ImageFolder layout: `root/<class>/<image>` gives a
 * labelled set (classes sorted by name), images directly in `root` an unlabelled one.
 * Files are sorted, so the order (and a seeded shuffle of it) is the same everywhere.
 * Symlinked images and class folders are followed (listed under their link's name); a
 * symlink cycle or a broken symlink is left out with one `warn` line (`readFolderEntries`).
 * A missing or empty folder throws an error naming it.
 *
 * @example
 * const folder = await scanImageFolder('data/pets');  // { files, labels, classes: ['cat', 'dog'] }
 */
export async function scanImageFolder(root: string, options: ScanImageFolderOptions = {}): Promise<ImageFolder> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let entries: FolderEntry[];
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
    entries = await readFolderEntries(root, { warn });
  } catch (error) {
    throw new Error(`scanImageFolder: cannot read the folder ${root} (${(error as Error).message})`);
  }
  const isImage = (name: string) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
  const directories = entries
    .filter((e) => e.kind === 'directory' && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const topImages = entries
    .filter((e) => e.kind === 'file' && isImage(e.name))
    .map((e) => join(root, e.name))
    .sort();

  let files: string[] = [];
  let labels: number[] | null = null;
  let classes: string[] = [];
  if (directories.length > 0 && topImages.length === 0) {
    labels = [];
    for (const name of directories) {
      const inClass = (await readFolderEntries(join(root, name), { warn }))
        .filter((e) => e.kind === 'file' && isImage(e.name))
        .map((e) => join(root, name, e.name))
        .sort();
      if (inClass.length === 0) continue;
      classes.push(name);
      files.push(...inClass);
      labels.push(...inClass.map(() => classes.length - 1));
    }
  } else {
    files = topImages;
    classes = [];
  }
  if (files.length === 0) {
    throw new Error(`scanImageFolder: ${root} holds no images (${IMAGE_EXTENSIONS.join(', ')}), neither directly nor in class sub-folders`);
  }

  if (options.unreadable) {
    const keep: boolean[] = [];
    for (const file of files) {
      try {
        const meta = await sharp(file).metadata();
        if (!meta.width || !meta.height) throw new Error('no image size in its header');
        keep.push(true);
      } catch (error) {
        const message = `${file}: unreadable image (${(error as Error).message.split('\n')[0]})`;
        if (options.unreadable === 'error') throw new Error(`scanImageFolder: ${message}`);
        warn(`selfsup: skipping ${message}`);
        keep.push(false);
      }
    }
    if (labels) labels = labels.filter((_, i) => keep[i]);
    files = files.filter((_, i) => keep[i]);
    if (files.length === 0) throw new Error(`scanImageFolder: none of the images in ${root} can be read`);
  }
  return { root, files, labels: labels ? Int32Array.from(labels) : null, classes };
}
