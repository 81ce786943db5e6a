import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PretrainConfig } from './pretrain-config.js';
import { RUN_FILES, writeFileAtomically } from './run-files.js';

/** What `selfsup pretrain --resume DIR` may change of a stored run. */
export type ResumeOverrides = Partial<Pick<PretrainConfig, 'learningRate' | 'steps' | 'weightDecay'>>;

/** One entry of config.json's `overrides`: the values a resume changed, from which step, and what they were. */
export interface OverrideRecord {
  fromStep: number;
  values: ResumeOverrides;
  previous: Record<string, unknown>;
  at: string;
}

/**
 * Records a resume's overrides in the run's config.json: the new values replace the stored
 * ones (so a later `--resume` keeps them; `steps` replaces `epochs`), `totalSteps` follows,
 * and one entry is appended to `overrides` with the step they applied from and the values
 * they replaced. Written atomically.
 *
 * @example
 * await recordOverrides('runs/simclr-folder', { learningRate: 1e-4 }, { fromStep: 20, totalSteps: 450 });
 * // config.json: { ..., "learningRate": 0.0001, "overrides": [{ "fromStep": 20, "values": { "learningRate": 0.0001 }, "previous": { "learningRate": 1000000000 }, ... }] }
 */
export async function recordOverrides(
  out: string,
  overrides: ResumeOverrides,
  run: { fromStep: number; totalSteps: number },
): Promise<OverrideRecord> {
  const file = join(out, RUN_FILES.config);
  const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(overrides)) previous[key] = stored[key] ?? null;
  if (overrides.steps !== undefined && stored.epochs !== undefined) previous.epochs = stored.epochs;
  if (stored.totalSteps !== run.totalSteps) previous.totalSteps = stored.totalSteps ?? null;
  const record: OverrideRecord = { fromStep: run.fromStep, values: overrides, previous, at: new Date().toISOString() };
  const { epochs, ...rest } = stored;
  const next = {
    ...(overrides.steps === undefined ? stored : rest),
    ...overrides,
    totalSteps: run.totalSteps,
    overrides: [...((stored.overrides as OverrideRecord[] | undefined) ?? []), record],
  };
  await writeFileAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
  return record;
}

/**
 * Records a resume's overrides once the run is restored (`recordOverrides`, at the step it
 * continues from) and logs what changed; does nothing without overrides.
 *
 * @example
 * await logAndRecordOverrides(out, { learningRate: 1e-4 }, { fromStep: step, totalSteps }, console.log);
 * // selfsup: from step 20 on: learningRate 0.001 -> 0.0001 (recorded in config.json)
 */
export async function logAndRecordOverrides(
  out: string,
  overrides: ResumeOverrides | undefined,
  run: { fromStep: number; totalSteps: number },
  log: (line: string) => void,
): Promise<void> {
  if (!overrides) return;
  const record = await recordOverrides(out, overrides, run);
  const changes = Object.entries(record.values).map(([key, value]) => `${key} ${record.previous[key]} -> ${value}`);
  log(`selfsup: from step ${run.fromStep} on: ${changes.join(', ')} (recorded in ${RUN_FILES.config})`);
}
