import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/index.js';
import { readCheckpoint, readLatestCheckpoint, writeCheckpoint } from './checkpoint.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-checkpoint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('checkpoints', () => {
  beforeAll(() => useBackend('cpu'));

  const contents = (value: number) => ({
    trainer: { step: value },
    models: {},
    tensors: { variables: [{ name: 'v', tensor: tf.fill([2, 2], value) }] },
    json: { note: `at ${value}` },
  });

  it('round-trips tensors and JSON, and latest.json names the newest', async () => {
    const directory = join(scratch, 'roundtrip');
    await writeCheckpoint(directory, 5, contents(5));
    await writeCheckpoint(directory, 10, contents(10));
    const latest = (await readLatestCheckpoint(directory))!;
    expect(latest.trainer).toEqual({ step: 10 });
    expect(latest.json).toEqual({ note: 'at 10' });
    expect(Array.from(latest.tensors.variables[0].tensor.dataSync())).toEqual([10, 10, 10, 10]);
    expect(JSON.parse(readFileSync(join(directory, 'latest.json'), 'utf8'))).toEqual({ step: 10, path: 'step-00000010' });
  });

  it('keeps only the newest checkpoints and cleans up writes a crash interrupted', async () => {
    const directory = join(scratch, 'prune');
    mkdirSync(join(directory, '.step-00000001.partial-999999-dead'), { recursive: true });
    for (const step of [1, 2, 3]) await writeCheckpoint(directory, step, contents(step), { keep: 2 });
    expect(readdirSync(directory).sort()).toEqual(['latest.json', 'step-00000002', 'step-00000003']);
  });

  it('returns null where there is no checkpoint, and names a corrupt file', async () => {
    expect(await readLatestCheckpoint(join(scratch, 'nothing-here'))).toBeNull();
    const directory = join(scratch, 'corrupt');
    const path = await writeCheckpoint(directory, 1, contents(1));
    writeFileSync(join(path, 'trainer.json'), '{ truncated');
    await expect(readCheckpoint(path)).rejects.toThrow(/trainer\.json is missing or corrupt/);
    expect(existsSync(join(directory, 'latest.json'))).toBe(true);
  });
});
