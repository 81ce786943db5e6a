import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLatestCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { RunStore, StopTrigger } from './run-store.js';

/** The files of a run directory that the trainer writes. */
export const RUN_STORE_FILES = Object.freeze({ checkpoints: 'checkpoints', metrics: 'metrics.jsonl' });

/**
 * A run directory on disk (Node): checkpoints under `checkpoints/` (atomic, fsynced, each
 * with a manifest of its files' sizes and SHA-256; `latest.json` naming the newest) and
 * one JSON line per step in `metrics.jsonl`. Reading the latest checkpoint verifies it and
 * falls back to the newest one that verifies, with a `warn` line (default console.warn)
 * for each one passed over.
 *
 * @example
 * await train({ method, data, optimizer, steps: 450, store: fileRunStore('runs/simclr-mnist'), stopOn: processSignals });
 */
export function fileRunStore(directory: string, options: { warn?: (line: string) => void } = {}): RunStore {
  const checkpoints = join(directory, RUN_STORE_FILES.checkpoints);
  const metrics = join(directory, RUN_STORE_FILES.metrics);
  return {
    readLatestCheckpoint: () => readLatestCheckpoint(checkpoints, options),
    writeCheckpoint: (step, contents) => writeCheckpoint(checkpoints, step, contents),
    async appendMetrics(record) {
      await mkdir(directory, { recursive: true });
      await appendFile(metrics, `${JSON.stringify(record)}\n`);
    },
    async truncateMetrics(step) {
      let text: string;
      try {
        text = await readFile(metrics, 'utf8');
      } catch {
        return;
      }
      const kept = text.split('\n').filter((line) => line.trim() && (JSON.parse(line) as { step: number }).step <= step);
      await writeFile(metrics, kept.map((line) => `${line}\n`).join(''));
    },
  };
}

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
