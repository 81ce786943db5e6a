import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_FILES as REPORT_FILES } from './report/run-files.js';
import { UsageError } from './usage-error.js';

/** The files of a run directory: those the report reads, and the checkpoints folder. */
export const RUN_FILES = Object.freeze({ ...REPORT_FILES, checkpoints: 'checkpoints' });

/** Atomic, fsynced writes of run files: core's one helper, re-exported for the commands. */
export { writeFileAtomically } from '@selfsup/core/node';

/**
 * Reads a JSON object from a file given on the command line; a missing file, bad JSON or a
 * non-object is a usage error naming the file.
 *
 * @example
 * const values = await readJsonObject('simclr.json', '--config');
 */
export async function readJsonObject(path: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`${what}: cannot read '${path}' (no such file?)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what}: '${path}' is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${what}: '${path}' must hold a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value as Record<string, unknown>;
}

/**
 * Checks that a directory holds a `selfsup pretrain` run: its config.json and a
 * checkpoint (`checkpoints/latest.json`, or a step folder it can be rebuilt from), or for a
 * Word2Vec or GloVe run its vectors.txt.
 *
 * @example
 * assertRunDirectory('runs/simclr-mnist', '--checkpoint');
 */
export function assertRunDirectory(directory: string, what: string): void {
  const trained = holdsCheckpoint(directory) || existsSync(join(directory, RUN_FILES.vectorsText));
  if (!existsSync(join(directory, RUN_FILES.config)) || !trained) {
    throw new UsageError(
      `${what}: '${directory}' is not a selfsup run (expected ${RUN_FILES.config} and ${RUN_FILES.checkpoints}/latest.json written by 'selfsup pretrain --out ${directory}')`,
    );
  }
}

/**
 * Whether a run directory holds a checkpoint: `checkpoints/latest.json`, or a step folder
 * it can be rebuilt from (an empty checkpoints/, left by a first checkpoint that failed to
 * write, holds none).
 *
 * @example
 * holdsCheckpoint('runs/simclr-mnist'); // true
 */
export function holdsCheckpoint(directory: string): boolean {
  const checkpoints = join(directory, RUN_FILES.checkpoints);
  return (
    existsSync(join(checkpoints, 'latest.json')) || (existsSync(checkpoints) && readdirSync(checkpoints).some((name) => /^step-\d+$/.test(name)))
  );
}
