import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSourceError } from '@selfsup/core';
import { ImageDecodeError } from '@selfsup/vision';
import { RUN_FILES } from './run-files.js';

/**
 * A file that did not decode under `--strict-data` as `selfsup pretrain` reports it: one
 * message naming it, where the run is saved and how to go on. Other errors are returned as
 * they are.
 *
 * @example
 * throw await strictDataAdvice(error, 'runs/x');
 * // --strict-data: photos/7.png does not decode (...); the run is saved at step 4. Fix or remove the file, then continue with: selfsup pretrain --resume runs/x
 */
export async function strictDataAdvice(error: unknown, out: string): Promise<unknown> {
  const cause = error instanceof DataSourceError ? error.cause : error;
  if (!(cause instanceof ImageDecodeError)) return error;
  // The trainer saves a checkpoint before a failed batch or evaluation; the probes run after the last one.
  const latest = await readFile(join(out, RUN_FILES.checkpoints, 'latest.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { step: number }).step,
    () => undefined,
  );
  const saved = latest === undefined ? 'no step was trained yet' : `the run is saved at step ${latest}`;
  return new Error(
    `--strict-data: ${cause.file} does not decode (${cause.reason}); ${saved}. Fix or remove the file, then continue with: selfsup pretrain --resume ${out}`,
  );
}
