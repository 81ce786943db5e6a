import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/index.js';
import { type CheckpointContents, readCheckpoint, readLatestCheckpoint, writeCheckpoint } from './checkpoint.js';
import { CheckpointError } from './training-errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-checkpoint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const contents = (value: number, options: { model?: tf.LayersModel } = {}): CheckpointContents => ({
  trainer: { step: value },
  models: options.model ? { encoder: options.model } : {},
  tensors: {
    variables: [{ name: 'v', tensor: tf.fill([2, 2], value) }],
    optimizer: [{ name: 'v/m', tensor: tf.fill([2, 2], value / 10) }],
    method: [{ name: 'bank/pointer', tensor: tf.scalar(value, 'int32') }],
  },
  json: { note: `at ${value}` },
});

/** Writes checkpoints of these steps into a fresh directory; returns it. */
async function written(name: string, steps: number[], keep = 5): Promise<string> {
  const directory = join(scratch, name);
  for (const step of steps) await writeCheckpoint(directory, step, contents(step), { keep });
  return directory;
}

const latestOf = (directory: string) => JSON.parse(readFileSync(join(directory, 'latest.json'), 'utf8'));
const disposeAll = (checkpoint: { tensors: Record<string, { tensor: tf.Tensor }[]> }) =>
  tf.dispose(Object.values(checkpoint.tensors).flatMap((group) => group.map((t) => t.tensor)));

describe('checkpoints', () => {
  beforeAll(() => useBackend('cpu'));

  it('round-trips tensors and JSON, and latest.json names the newest', async () => {
    const directory = await written('roundtrip', [5, 10]);
    const latest = (await readLatestCheckpoint(directory))!;
    expect(latest.trainer).toEqual({ step: 10 });
    expect(latest.json).toEqual({ note: 'at 10' });
    expect(Array.from(latest.tensors.variables[0].tensor.dataSync())).toEqual([10, 10, 10, 10]);
    expect(latest.tensors.method[0].tensor.dtype).toBe('int32');
    expect(latestOf(directory)).toEqual({ step: 10, path: 'step-00000010' });
    disposeAll(latest);
  });

  it("writes a manifest with every file's size and SHA-256 and the parts it holds", async () => {
    const directory = join(scratch, 'manifest');
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    const path = await writeCheckpoint(directory, 1, contents(1, { model }));
    model.dispose();
    const manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'selfsup-checkpoint',
      version: 1,
      step: 1,
      parts: { models: ['encoder'], tensors: ['variables', 'optimizer', 'method'] },
    });
    expect(Object.keys(manifest.files).sort()).toEqual(
      [
        'trainer.json',
        'state.json',
        'models/encoder/model.json',
        'models/encoder/weights.bin',
        'models/encoder/weights.json',
        ...['variables', 'optimizer', 'method'].flatMap((name) => [`${name}.json`, `${name}.bin`]),
      ].sort(),
    );
    for (const [file, { size, sha256 }] of Object.entries(manifest.files) as [string, { size: number; sha256: string }][]) {
      expect(size).toBe(statSync(join(path, file)).size);
      expect(sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(path, file)))
          .digest('hex'),
      );
    }
    const loaded = await readCheckpoint(path);
    expect(loaded.models.encoder.weights.map((w) => w.tensor.shape)).toEqual([[3, 2], [2]]);
    tf.dispose(loaded.models.encoder.weights.map((w) => w.tensor));
    disposeAll(loaded);
  });

  it('names the file and the reason of every kind of damage (issue #11, case 2)', async () => {
    const directory = await written('damage', [1]);
    const path = join(directory, 'step-00000001');
    const fail = async () => (await readCheckpoint(path).catch((error: unknown) => error)) as CheckpointError;
    const original = (file: string) => readFileSync(join(path, file));
    const restore = (file: string, bytes: Buffer) => writeFileSync(join(path, file), bytes);

    const variables = original('variables.bin');
    writeFileSync(join(path, 'variables.bin'), Buffer.from(variables.map((_, i) => (i * 37 + 11) % 256)));
    let error = await fail();
    expect(error).toBeInstanceOf(CheckpointError);
    expect([error.file, error.reason]).toEqual([join(path, 'variables.bin'), 'SHA-256 differs from the manifest (the file is damaged)']);
    restore('variables.bin', variables);

    writeFileSync(join(path, 'variables.bin'), variables.subarray(0, 7));
    error = await fail();
    expect(error.message).toBe(`checkpoint ${join(path, 'variables.bin')}: holds 7 bytes, the manifest says 16 (the file is truncated or damaged)`);
    restore('variables.bin', variables);

    for (const part of ['optimizer.bin', 'method.bin', 'trainer.json']) {
      const bytes = original(part);
      rmSync(join(path, part));
      error = await fail();
      expect(error.message).toBe(`checkpoint ${join(path, part)}: is missing (the manifest lists it)`);
      restore(part, bytes);
    }

    const manifest = original('manifest.json');
    rmSync(join(path, 'manifest.json'));
    expect((await fail()).message).toMatch(
      /manifest\.json: is missing: the folder is incomplete, or was written by a selfsup without verified checkpoints$/,
    );
    restore('manifest.json', manifest);
    const loaded = await readCheckpoint(path);
    disposeAll(loaded);
  });

  it('refuses weights that are not finite, naming the tensor and the file', async () => {
    const directory = join(scratch, 'nan');
    const nan = contents(2);
    nan.tensors.variables = [{ name: 'variable_0', tensor: tf.tensor1d([1, Number.NaN, Number.POSITIVE_INFINITY, 4]) }];
    const path = await writeCheckpoint(directory, 2, nan);
    await expect(readCheckpoint(path)).rejects.toThrow(
      `checkpoint ${join(path, 'variables.bin')}: 'variable_0' holds 2 values that are not finite (NaN or Infinity): the run had diverged when it was saved`,
    );
  });

  it('falls back to the newest checkpoint that verifies, with one warning naming the file, and points latest.json at it', async () => {
    const directory = await written('fallback', [5, 10, 15]);
    writeFileSync(join(directory, 'step-00000015', 'optimizer.bin'), 'x');
    rmSync(join(directory, 'step-00000010', 'method.bin'));
    const warnings: string[] = [];
    const checkpoint = (await readLatestCheckpoint(directory, { warn: (line) => warnings.push(line) }))!;
    expect(checkpoint.trainer).toEqual({ step: 5 });
    disposeAll(checkpoint);
    expect(warnings).toEqual([
      `selfsup: checkpoint ${join(directory, 'step-00000015', 'optimizer.bin')}: holds 1 bytes, the manifest says 16 (the file is truncated or damaged); falling back to ${join(directory, 'step-00000010')}`,
      `selfsup: checkpoint ${join(directory, 'step-00000010', 'method.bin')}: is missing (the manifest lists it); falling back to ${join(directory, 'step-00000005')}`,
    ]);
    expect(latestOf(directory)).toEqual({ step: 5, path: 'step-00000005' });
  });

  it('throws, listing every reason, when no checkpoint verifies; null when there is none', async () => {
    expect(await readLatestCheckpoint(join(scratch, 'nothing-here'))).toBeNull();
    const directory = await written('all-bad', [1, 2]);
    for (const step of ['step-00000001', 'step-00000002']) rmSync(join(directory, step, 'variables.json'));
    await expect(readLatestCheckpoint(directory, { warn: () => {} })).rejects.toThrow(
      new RegExp(
        `^readLatestCheckpoint: no checkpoint in ${directory} verifies: checkpoint .*step-00000002/variables\\.json: is missing .*; checkpoint .*step-00000001/variables\\.json: is missing`,
      ),
    );
  });

  it('rebuilds a missing latest.json from the step folders (issue #11, case 7)', async () => {
    const directory = await written('rebuild', [3, 4]);
    rmSync(join(directory, 'latest.json'));
    const warnings: string[] = [];
    const checkpoint = (await readLatestCheckpoint(directory, { warn: (line) => warnings.push(line) }))!;
    expect(checkpoint.trainer).toEqual({ step: 4 });
    disposeAll(checkpoint);
    expect(warnings).toEqual([`selfsup: ${join(directory, 'latest.json')} is missing or unreadable; rebuilding it from the step folders`]);
    expect(latestOf(directory)).toEqual({ step: 4, path: 'step-00000004' });
  });

  it('keeps only the newest checkpoints by step number and cleans up writes a crash interrupted', async () => {
    const directory = join(scratch, 'prune');
    mkdirSync(join(directory, '.step-00000001.partial-999999-dead'), { recursive: true });
    for (const step of [1, 2, 3]) await writeCheckpoint(directory, step, contents(step), { keep: 2 });
    expect(readdirSync(directory).sort()).toEqual(['latest.json', 'step-00000002', 'step-00000003']);
  });

  it('prunes by step number, not name order: a 9-digit step is the newest, and latest.json always names a folder (issue #11, case 6)', async () => {
    const directory = await written('nine-digits', [99_999_998, 99_999_999, 100_000_000], 2);
    expect(readdirSync(directory).sort()).toEqual(['latest.json', 'step-100000000', 'step-99999999']);
    expect(latestOf(directory)).toEqual({ step: 100_000_000, path: 'step-100000000' });
    const latest = (await readLatestCheckpoint(directory))!;
    expect(latest.trainer).toEqual({ step: 100_000_000 });
    disposeAll(latest);
  });

  it('a run resumed from an older checkpoint drops the folders of the abandoned later steps when it writes', async () => {
    const directory = await written('abandoned', [5, 10]);
    await writeCheckpoint(directory, 6, contents(6), { keep: 2 });
    expect(readdirSync(directory).sort()).toEqual(['latest.json', 'step-00000005', 'step-00000006']);
    expect(existsSync(join(directory, 'step-00000010'))).toBe(false);
  });
});
