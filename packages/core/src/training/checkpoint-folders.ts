import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../io/write-file-atomically.js';

/** The file naming a run's current checkpoint folder: `{ "step": 10, "path": "step-00000010" }`. */
export const LATEST_CHECKPOINT = 'latest.json';

/**
 * The folder name of the checkpoint of `step` (zero-padded to 8 digits so that listings
 * sort; a longer step gets more digits, and every ordering goes by the number anyway).
 *
 * @example
 * checkpointFolderName(10); // 'step-00000010'
 */
export function checkpointFolderName(step: number): string {
  return `step-${String(step).padStart(8, '0')}`;
}

/** The step of a checkpoint folder name, or undefined for any other name. */
function stepOf(name: string): number | undefined {
  const match = /^step-(\d+)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * The checkpoint folders of a checkpoints directory, newest step first (by number, not by
 * name); empty when the directory does not exist.
 *
 * @example
 * await listCheckpointFolders('runs/simclr/checkpoints'); // [{ step: 10, name: 'step-00000010' }, { step: 5, name: 'step-00000005' }]
 */
export async function listCheckpointFolders(directory: string): Promise<{ step: number; name: string }[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isDirectory() && stepOf(entry.name) !== undefined)
    .map((entry) => ({ step: stepOf(entry.name)!, name: entry.name }))
    .sort((a, b) => b.step - a.step);
}

/**
 * The folder `latest.json` names, or null when the file is missing or unreadable (a
 * damaged pointer is rebuilt from the step folders, so it is not an error here).
 *
 * @example
 * await readLatestPointer('runs/simclr/checkpoints'); // { step: 10, path: 'step-00000010' }
 */
export async function readLatestPointer(directory: string): Promise<{ step: number; path: string } | null> {
  try {
    const latest = JSON.parse(await readFile(join(directory, LATEST_CHECKPOINT), 'utf8'));
    if (typeof latest?.path !== 'string' || stepOf(latest.path) === undefined) return null;
    return { step: stepOf(latest.path)!, path: latest.path };
  } catch {
    return null;
  }
}

/**
 * Points `latest.json` at the checkpoint of `step` (atomic, fsynced).
 *
 * @example
 * await writeLatestPointer('runs/simclr/checkpoints', 10);
 */
export async function writeLatestPointer(directory: string, step: number): Promise<void> {
  await writeFileAtomically(join(directory, LATEST_CHECKPOINT), JSON.stringify({ step, path: checkpointFolderName(step) }));
}

/**
 * Prunes a checkpoints directory after the checkpoint of `step` was written: keeps the
 * `keep` newest folders up to `step` by step number and never the one `latest.json` names;
 * removes folders of later steps (left by an attempt the run was resumed from before: they
 * are not its future any more) and the leftovers of writes a crash interrupted.
 *
 * @example
 * await pruneCheckpoints('runs/simclr/checkpoints', 10, 2);
 */
export async function pruneCheckpoints(directory: string, step: number, keep: number): Promise<void> {
  const latest = await readLatestPointer(directory);
  const folders = await listCheckpointFolders(directory);
  const current = folders.filter((folder) => folder.step <= step);
  const removed = [...folders.filter((folder) => folder.step > step), ...current.slice(Math.max(1, keep))];
  for (const folder of removed) {
    if (folder.name !== latest?.path) await rm(join(directory, folder.name), { recursive: true, force: true });
  }
  for (const name of (await readdir(directory)).filter((n) => n.includes('.partial-'))) {
    if (!name.includes(`.partial-${process.pid}-`)) await rm(join(directory, name), { recursive: true, force: true });
  }
}
