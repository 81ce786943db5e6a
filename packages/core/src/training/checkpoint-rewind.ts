import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '../tf.js';
import { syncDirectory } from '../io/write-file-atomically.js';
import { readCheckpoint } from './checkpoint.js';
import { LATEST_CHECKPOINT, listCheckpointFolders, writeLatestPointer } from './checkpoint-folders.js';
import { CheckpointError } from './training-errors.js';

/** The suffix of a checkpoint folder set aside after a divergence (`step-00000003.diverged`): kept for a look, never resumed from. */
export const DIVERGED_SUFFIX = '.diverged';

/**
 * Rewinds a checkpoints directory after a run diverged at `step` (the weights after `step`
 * updates are the first bad ones): the folders of `step` and later are renamed
 * `step-NNNNNNNN.diverged` (kept, but never read by a resume), and `latest.json` points at
 * the newest earlier checkpoint that verifies (manifest, sizes, SHA-256, finite weights).
 * Returns its path; undefined, with `latest.json` removed, when none verifies. Each one
 * passed over is named in a `warn` line.
 *
 * @example
 * await rewindCheckpoints('runs/simclr/checkpoints', 3); // 'runs/simclr/checkpoints/step-00000002'
 */
export async function rewindCheckpoints(
  directory: string,
  step: number,
  options: { warn?: (line: string) => void } = {},
): Promise<string | undefined> {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const folders = await listCheckpointFolders(directory);
  for (const folder of folders.filter((f) => f.step >= step)) {
    const target = join(directory, `${folder.name}${DIVERGED_SUFFIX}`);
    await rm(target, { recursive: true, force: true });
    await rename(join(directory, folder.name), target);
  }
  for (const folder of folders.filter((f) => f.step < step)) {
    const path = join(directory, folder.name);
    try {
      const checkpoint = await readCheckpoint(path);
      tf.dispose([...Object.values(checkpoint.tensors).flat(), ...Object.values(checkpoint.models).flatMap((m) => m.weights)].map((t) => t.tensor));
      await writeLatestPointer(directory, folder.step);
      return path;
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      warn(`selfsup: ${error.message}; it is not a good checkpoint to go back to`);
    }
  }
  await rm(join(directory, LATEST_CHECKPOINT), { force: true });
  if (folders.length > 0) await syncDirectory(directory);
  return undefined;
}
