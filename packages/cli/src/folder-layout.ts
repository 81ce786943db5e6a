import { extname } from 'node:path';
import { IMAGE_EXTENSIONS, readFolderEntries } from '@selfsup/vision/node';
import { UsageError } from './usage-error.js';

/** The most names a message lists before "and N more". */
const LISTED = 3;

/**
 * Refuses a folder that holds both class sub-folders with images and images directly in
 * it: the ImageFolder layout reads such a folder as flat, so one stray image would leave
 * every class folder out without a word. The usage error names the class folders and the
 * stray files. Sub-folders without images (and hidden ones) do not count as classes;
 * symlinked images and folders count as what they lead to.
 *
 * @param root The folder's absolute path.
 * @param name How the folder was given (`--dataset`, `--input`), for the message.
 *
 * @example
 * await assertOneFolderLayout('/data/digits', 'data/digits');
 * // UsageError: dataset 'data/digits' has class sub-folders (0, 1, 7) and also an image directly in it (stray.png): ...
 */
export async function assertOneFolderLayout(root: string, name: string): Promise<void> {
  const isImage = (file: string) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());
  // Symlinks are followed as the scan follows them; the scan that comes next warns about cycles, once.
  const quiet = { warn: () => {} };
  const entries = await readFolderEntries(root, quiet);
  const loose = entries
    .filter((entry) => entry.kind === 'file' && isImage(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (loose.length === 0) return;
  const classes: string[] = [];
  for (const entry of entries.filter((e) => e.kind === 'directory' && !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const files = await readFolderEntries(entry.path, quiet);
    if (files.some((file) => file.kind === 'file' && isImage(file.name))) classes.push(entry.name);
  }
  if (classes.length === 0) return;
  const images = loose.length === 1 ? 'an image' : `${loose.length} images`;
  throw new UsageError(
    `dataset '${name}' has class sub-folders (${list(classes)}) and also ${images} directly in it (${list(loose)}), so it is neither labelled nor flat: move ${loose.length === 1 ? 'that file' : 'those files'} into a class folder or out of '${name}'`,
  );
}

function list(names: string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}
