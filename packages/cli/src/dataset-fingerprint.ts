import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';

/**
 * What a run was trained on, stored in its config.json (`datasetFingerprint`) and checked
 * on `--resume`: a relative `--dataset` resolved from another directory, or a folder whose
 * files changed, would otherwise train on other data without a word.
 */
export interface DatasetFingerprint {
  /** 'mnist', 'emoji', or 'folder'. */
  name: string;
  /** The folder's absolute path; null for a built-in dataset. */
  path: string | null;
  /** Images in the dataset (both splits). */
  files: number;
  /** Images in the training split and the test split. */
  train: number;
  test: number;
  /** Class names, in label order; empty when unlabelled. */
  classes: string[];
  /** SHA-256 (hex) of the sorted relative paths of a folder's files, one per line; null for a built-in dataset. */
  fileListSha256: string | null;
}

/**
 * The fingerprint of a folder dataset: its absolute path, counts, classes and the SHA-256
 * of its sorted file list (paths relative to the folder, `/`-separated, joined by `\n`).
 * File contents are not read: an image replaced under the same name goes unnoticed.
 *
 * @example
 * folderFingerprint({ root: '/data/pets', files: ['/data/pets/cat/1.png'], classes: ['cat'], train: 1, test: 0 });
 * // { name: 'folder', path: '/data/pets', files: 1, train: 1, test: 0, classes: ['cat'], fileListSha256: '...' }
 */
export function folderFingerprint(folder: { root: string; files: string[]; classes: string[]; train: number; test: number }): DatasetFingerprint {
  const names = folder.files.map((file) => relative(folder.root, file).split(sep).join('/')).sort();
  return {
    name: 'folder',
    path: folder.root,
    files: folder.files.length,
    train: folder.train,
    test: folder.test,
    classes: [...folder.classes],
    fileListSha256: createHash('sha256').update(names.join('\n')).digest('hex'),
  };
}

/**
 * What differs between the fingerprint a run stored and the dataset it is resumed on, one
 * phrase each (name, classes, counts, file list); empty when the data is the same. The
 * folder's path alone is no difference: the same files moved or reached from another
 * directory are the same data.
 *
 * @example
 * fingerprintDifferences(stored, current); // ["classes 2, 3 (before: 0, 1, 7)", "40 images (before: 60)"]
 */
export function fingerprintDifferences(stored: DatasetFingerprint, current: DatasetFingerprint): string[] {
  const differences: string[] = [];
  if (stored.name !== current.name) differences.push(`dataset ${current.name} (before: ${stored.name})`);
  const classes = (names: string[]) => (names.length === 0 ? 'none' : names.join(', '));
  if (classes(stored.classes) !== classes(current.classes))
    differences.push(`classes ${classes(current.classes)} (before: ${classes(stored.classes)})`);
  if (stored.files !== current.files) differences.push(`${current.files} images (before: ${stored.files})`);
  else if (stored.train !== current.train || stored.test !== current.test) {
    differences.push(`splits of ${current.train} + ${current.test} images (before: ${stored.train} + ${stored.test})`);
  }
  if (stored.fileListSha256 !== current.fileListSha256) differences.push('other file names (the SHA-256 of the sorted file list differs)');
  return differences;
}
