import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { listCheckpointFolders } from '@selfsup/core/node';
import { RUN_FILES } from './run-files.js';
import { UsageError } from './usage-error.js';

/**
 * Before a fresh run into `out` (the lock held): a directory that holds a run (a step
 * folder or `latest.json` under checkpoints/) is a usage error naming `--resume` and
 * `--overwrite`, unless `overwrite` is set: then the old run's files (config.json,
 * metrics.jsonl, checkpoints/, evaluation, projection, views, report) are deleted, and
 * other files in the directory are left alone. An empty checkpoints/ (a first checkpoint
 * that failed to write) holds no run and is removed. Returns whether an old run was deleted.
 *
 * @example
 * await startOver('runs/simclr-mnist', { overwrite: true }); // true: the old run is gone
 */
export async function startOver(out: string, options: { overwrite: boolean }): Promise<boolean> {
  const checkpoints = join(out, RUN_FILES.checkpoints);
  const holdsRun = existsSync(join(checkpoints, 'latest.json')) || (await listCheckpointFolders(checkpoints)).length > 0;
  if (holdsRun && !options.overwrite) {
    throw new UsageError(
      `--out '${out}' already holds a run; continue it with 'selfsup pretrain --resume ${out}', start it over with --overwrite (its checkpoints and metrics are deleted), or choose another --out`,
    );
  }
  if (!holdsRun && !existsSync(checkpoints)) return false;
  for (const file of Object.values(RUN_FILES)) await rm(join(out, file), { recursive: true, force: true });
  return holdsRun;
}

/**
 * The usage error for resuming a run directory that holds no checkpoint: the run stopped,
 * or its first checkpoint failed to write (a full disk), before one was saved, so there is
 * nothing to continue; it says to start the run over with `--overwrite` (and where the
 * run's options are, when its config.json is there).
 *
 * @example
 * throw nothingToResume('runs/simclr-mnist');
 * // 'runs/simclr-mnist' has no checkpoint to resume from (checkpoints/ holds no step folder: ...); start it over: selfsup pretrain --out runs/simclr-mnist --overwrite ...
 */
export function nothingToResume(out: string): UsageError {
  const config = join(out, RUN_FILES.config);
  const options = existsSync(config) ? ` with the run's other options (they are in ${config})` : " with the run's options";
  return new UsageError(
    `'${out}' has no checkpoint to resume from (${RUN_FILES.checkpoints}/ holds no step folder: the run stopped, or its first checkpoint failed to write, before one was saved); ` +
      `start it over: selfsup pretrain --out ${out} --overwrite${options}`,
  );
}
