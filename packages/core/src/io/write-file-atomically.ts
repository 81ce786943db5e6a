import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file atomically and durably: the contents go to a temporary file in the same
 * folder (`<path>.tmp-<pid>-<random>`), which is fsynced, renamed over `path`, and then
 * the folder is fsynced so that the rename itself survives a power loss. Readers see
 * either the old file or the whole new one, never half a file; on an error the
 * temporary file is removed and `path` is left as it was.
 *
 * Node only: this file holds core's only `node:` imports (the rest of core runs in a
 * browser). The folder fsync is skipped on Windows, which cannot open a folder for it,
 * and where a file system refuses it (EINVAL).
 *
 * Why not the `write-file-atomic` package: it fsyncs the file but not the folder after
 * the rename, and brings `signal-exit` and per-file queues that selfsup does not need.
 *
 * @param path The file to replace (its folder must exist).
 * @param contents Text (written as UTF-8) or bytes.
 *
 * @example
 * await writeFileAtomically('runs/simclr/evaluation.json', `${JSON.stringify(results, null, 2)}\n`);
 */
export async function writeFileAtomically(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(contents);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * fsync of a folder, so that the names created or renamed in it are on disk; a no-op where
 * folders cannot be synced (Windows, EINVAL). `writeFileAtomically` does it after each
 * rename; call it yourself after `mkdir` or a folder rename.
 *
 * @example
 * await rename('checkpoints/.step-00000010.partial', 'checkpoints/step-00000010');
 * await syncDirectory('checkpoints');
 */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}
