import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines, runCli as run } from './run-cli.js';

describe('a folder of symlinks (issue #11, case 7)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-symlinks-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const linked = join(root, 'linked');

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    // Class 0: a symlinked folder; class 1: a real folder of symlinked images; class 7: a real folder of real images.
    mkdirSync(join(linked, '1'), { recursive: true });
    symlinkSync(join(digits, '0'), join(linked, '0'));
    for (const file of readdirSync(join(digits, '1'))) symlinkSync(join(digits, '1', file), join(linked, '1', file));
    mkdirSync(join(linked, '7'));
    for (const file of readdirSync(join(digits, '7'))) symlinkSync(join(digits, '7', file), join(linked, '7', file));
    // A cycle inside a class folder: it leads back to the dataset.
    symlinkSync('..', join(linked, '7', 'back'));
  });

  it('pretrain follows symlinked class folders and images: the same classes and losses as the real folder; a cycle gives one warning', async () => {
    const common = ['--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1', '--steps', '3'];
    const real = await run('pretrain', ...common, '--dataset', digits, '--out', join(root, 'real'));
    expect([real.code, real.err]).toEqual([0, []]);
    const result = await run('pretrain', ...common, '--dataset', linked, '--out', join(root, 'run'));
    expect([result.code, result.err]).toEqual([0, [`selfsup: skipping ${join(linked, '7', 'back')}: a symlink cycle (it leads back to ${linked}, which holds it)`]]);
    const config = JSON.parse(readFileSync(join(root, 'run', 'config.json'), 'utf8'));
    expect(config.classes).toEqual(['0', '1', '7']);
    expect(config.datasetFingerprint.files).toBe(60);
    const losses = (directory: string) => readJsonLines(join(root, directory, 'metrics.jsonl')).map((line) => line.loss);
    expect(losses('run')).toEqual(losses('real'));
  }, 120_000);
});
