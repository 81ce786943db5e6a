import { CheckpointWriteError } from '@selfsup/core';
import { listCheckpointFolders } from '@selfsup/core/node';
import { join } from 'node:path';
import { RUN_FILES } from './run-files.js';

/**
 * A checkpoint that failed to write (a full disk) as `selfsup pretrain` reports it: the
 * trainer's message (the file, the bytes a checkpoint needs; nothing of it kept) and what
 * to do once there is space: `--resume` when the run has a checkpoint, else start it over
 * (its first checkpoint is the one that failed). Other errors are returned as they are.
 *
 * @example
 * throw await diskFullAdvice(error, 'runs/x');
 * // could not save the checkpoint of step 4: writing runs/x/checkpoints/step-00000004/variables.bin failed (ENOSPC: ...); ...; free the space, then continue with: selfsup pretrain --resume runs/x
 */
export async function diskFullAdvice(error: unknown, out: string): Promise<unknown> {
  if (!(error instanceof CheckpointWriteError)) return error;
  const saved = (await listCheckpointFolders(join(out, RUN_FILES.checkpoints))).length > 0;
  const advice = saved
    ? `free the space, then continue with: selfsup pretrain --resume ${out}`
    : `free the space, then start it over: selfsup pretrain --out ${out} --overwrite with the run's other options (they are in ${join(out, RUN_FILES.config)})`;
  return new Error(`${error.message}; ${advice}`);
}
