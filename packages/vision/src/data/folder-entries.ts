import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/** A file or sub-folder of a folder, a symlink counted as what it leads to. */
export interface FolderEntry {
  name: string;
  /** `folder/name`: the symlink's own path when it is one (so names and labels are the folder's). */
  path: string;
  kind: 'file' | 'directory';
}

export interface ReadFolderEntriesOptions {
  /** Receives one line per symlink left out (a cycle, a broken link). Default console.warn. */
  warn?: (line: string) => void;
}

/**
 * The files and sub-folders of a folder, following symlinks: a symlinked image counts as
 * a file, a symlinked folder as a folder. With loop protection: a symlink that leads back
 * to the folder or to a folder holding it (a cycle: `ln -s .. loop`), or that the system
 * cannot resolve (ELOOP: links that lead to each other), is left out with one `warn` line
 * naming it, as is a broken symlink; nothing else (sockets, devices) is listed. In
 * `readdir` order; sort it yourself.
 *
 * @example
 * await readFolderEntries('data/pets');
 * // [{ name: 'cat', path: 'data/pets/cat', kind: 'directory' }, { name: 'dog', ... }]
 */
export async function readFolderEntries(folder: string, options: ReadFolderEntriesOptions = {}): Promise<FolderEntry[]> {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const entries: FolderEntry[] = [];
  let here: string | undefined;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isFile()) entries.push({ name: entry.name, path, kind: 'file' });
    else if (entry.isDirectory()) entries.push({ name: entry.name, path, kind: 'directory' });
    if (!entry.isSymbolicLink()) continue;
    let target: string;
    let isDirectory: boolean;
    try {
      const status = await stat(path);
      if (!status.isFile() && !status.isDirectory()) continue;
      isDirectory = status.isDirectory();
      target = await realpath(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const link = await readlink(path).catch(() => '?');
      if (code === 'ELOOP') warn(`selfsup: skipping ${path}: a symlink cycle (it leads back to itself through ${link})`);
      else if (code === 'ENOENT') warn(`selfsup: skipping ${path}: a broken symlink (${link} does not exist)`);
      else warn(`selfsup: skipping ${path}: cannot follow the symlink to ${link} (${(error as Error).message})`);
      continue;
    }
    if (isDirectory) {
      here ??= await realpath(folder);
      // Reading it would read this folder again, inside itself.
      const inside = relative(target, here);
      if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
        warn(`selfsup: skipping ${path}: a symlink cycle (it leads back to ${target}, which holds it)`);
        continue;
      }
    }
    entries.push({ name: entry.name, path, kind: isDirectory ? 'directory' : 'file' });
  }
  return entries;
}
