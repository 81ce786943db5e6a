import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../io/write-file-atomically.js';
import { readLatestCheckpoint, writeCheckpoint } from './checkpoint.js';
import { rewindCheckpoints } from './checkpoint-rewind.js';
import { type RunLock, lockRunDirectory } from './run-lock.js';
import type { RunStore, StopTrigger } from './run-store.js';
import { splitTornLine } from './torn-line.js';

/** The files of a run directory that the trainer writes. */
export const RUN_STORE_FILES = Object.freeze({ checkpoints: 'checkpoints', metrics: 'metrics.jsonl' });

/**
 * A run directory on disk (Node): checkpoints under `checkpoints/` (atomic, fsynced, each
 * with a manifest of its files' sizes and SHA-256; `latest.json` naming the newest) and
 * one JSON line per step in `metrics.jsonl`. Reading the latest checkpoint verifies it and
 * falls back to the newest one that verifies, with a `warn` line (default console.warn)
 * for each one passed over. Truncating the metrics to a resumed step rewrites the file
 * atomically and drops a torn last line (a crash in the middle of an append) with a
 * `warn` line. A write that fails (the disk is full) names the file: a checkpoint's with
 * the bytes a checkpoint needs (`CheckpointWriteError`), leaving the earlier checkpoints and
 * `latest.json` as they were, so the run resumes once there is space. After a divergence, `rewindTo` points the run back at the newest checkpoint
 * before it that verifies and sets the later ones aside (`rewindCheckpoints`). While the
 * trainer runs (between `open` and `close`) the store holds the directory's lock
 * (`lockRunDirectory`): a second writer is refused naming the holder; pass `lock` when the
 * caller already holds it (`selfsup pretrain` takes it before it writes anything).
 *
 * @example
 * await train({ method, data, optimizer, steps: 450, store: fileRunStore('runs/simclr-mnist'), stopOn: processSignals });
 */
export function fileRunStore(directory: string, options: { warn?: (line: string) => void; lock?: RunLock } = {}): RunStore {
  const checkpoints = join(directory, RUN_STORE_FILES.checkpoints);
  const metrics = join(directory, RUN_STORE_FILES.metrics);
  const warn = options.warn ?? ((line: string) => console.warn(line));
  let ownLock: RunLock | undefined;
  return {
    async open() {
      if (options.lock) return;
      await mkdir(directory, { recursive: true });
      ownLock = await lockRunDirectory(directory, { warn });
    },
    async close() {
      await ownLock?.release();
      ownLock = undefined;
    },
    readLatestCheckpoint: () => readLatestCheckpoint(checkpoints, options),
    writeCheckpoint: (step, contents) => writeCheckpoint(checkpoints, step, contents),
    rewindTo: (step) => rewindCheckpoints(checkpoints, step, { warn }),
    async appendMetrics(record) {
      try {
        await mkdir(directory, { recursive: true });
        await appendFile(metrics, `${JSON.stringify(record)}\n`);
      } catch (error) {
        // ENOSPC names no file by itself. A torn last line is dropped on resume.
        throw new Error(`fileRunStore: appending step ${record.step} to ${metrics} failed (${(error as Error).message})`, { cause: error });
      }
    },
    async truncateMetrics(step) {
      let text: string;
      try {
        text = await readFile(metrics, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      const { complete, torn } = splitTornLine(text);
      if (torn !== null) warn(`selfsup: ${metrics}: dropping its torn last line (a crash in the middle of writing it): ${preview(torn)}`);
      const kept = complete.split('\n').filter((line, index) => line.trim() !== '' && stepOf(line, `${metrics}:${index + 1}`) <= step);
      await writeFileAtomically(metrics, kept.map((line) => `${line}\n`).join(''));
    },
  };
}

/** The step of a metrics line; a line that is not JSON with a numeric step is an error naming `where` (file:line). */
function stepOf(line: string, where: string): number {
  let step: unknown;
  try {
    step = (JSON.parse(line) as { step?: unknown }).step;
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message}): ${preview(line)}`);
  }
  if (typeof step !== 'number') throw new Error(`${where}: expected a numeric 'step', got ${preview(line)}`);
  return step;
}

/** A line shown in a message: cut to 60 characters. */
const preview = (line: string) => JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);

/**
 * Stops training on SIGINT (Ctrl-C) and SIGTERM: the run saves a checkpoint and returns
 * 'interrupted' instead of dying mid-step.
 *
 * @example
 * await train({ ..., store: fileRunStore(out), stopOn: processSignals });
 */
export const processSignals: StopTrigger = (stop) => {
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
};
