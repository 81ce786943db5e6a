import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetFingerprint, fingerprintDifferences } from './dataset-fingerprint.js';
import type { PretrainConfig } from './pretrain-config.js';
import { RUN_FILES } from './run-files.js';
import { UsageError } from './usage-error.js';

/**
 * Refuses to resume on other data than the run started on (a usage error naming what
 * differs), or with `allowOtherData` warns and goes on. Same files reached through another
 * path are the same data, said in one log line.
 *
 * @example
 * if (resume) await checkResumeData(config, dataset.fingerprint, { log: console.log, allowOtherData: false });
 */
export async function checkResumeData(
  config: PretrainConfig,
  current: DatasetFingerprint,
  options: { log: (line: string) => void; warn?: (line: string) => void; allowOtherData?: boolean },
): Promise<void> {
  const warn = options.warn ?? options.log;
  const file = join(config.out, RUN_FILES.config);
  const stored = (JSON.parse(await readFile(file, 'utf8')) as { datasetFingerprint?: DatasetFingerprint }).datasetFingerprint;
  if (stored === undefined) {
    warn(
      `selfsup: ${file} has no datasetFingerprint (written by an older selfsup), so resume cannot check that '${config.dataset}' is the run's data`,
    );
    return;
  }
  const moved = stored.path !== current.path ? ` ('${config.dataset}' is ${current.path}; the run started on ${stored.path})` : '';
  const differences = fingerprintDifferences(stored, current);
  if (differences.length === 0) {
    if (moved) options.log(`selfsup: the dataset is the run's (same classes, counts and file list)${moved}`);
    return;
  }
  const what = `dataset '${config.dataset}' is not the one the run in '${config.out}' started on: ${differences.join('; ')}${moved}`;
  if (!options.allowOtherData) {
    throw new UsageError(`--resume: ${what}; resume from the directory the run started in, or pass --allow-other-data to train on it anyway`);
  }
  warn(`selfsup: warning: ${what}; training on it (--allow-other-data)`);
}
