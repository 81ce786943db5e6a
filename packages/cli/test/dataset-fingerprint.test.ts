import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { runCli as run } from './run-cli.js';

/** Runs the command line from `directory` (a relative --dataset resolves there). */
async function runIn(directory: string, ...argv: string[]) {
  const before = process.cwd();
  process.chdir(directory);
  try {
    return await run(...argv);
  } finally {
    process.chdir(before);
  }
}

describe('resume checks the dataset fingerprint (issue #11, case 5)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-fingerprint-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const [first, other, copy] = ['first', 'other', 'copy'].map((name) => join(root, name));
  const directory = join(root, 'run');
  const common = ['--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1'];

  beforeAll(async () => {
    // The same relative name, 'digits', in three working directories: the run's images, other images, a copy of the run's.
    await writeDigitFolder(join(first, 'digits'), { digits: [0, 1, 7], perClass: 20 });
    await writeDigitFolder(join(other, 'digits'), { digits: [2, 3], perClass: 15 });
    cpSync(join(first, 'digits'), join(copy, 'digits'), { recursive: true });
    const result = await runIn(first, 'pretrain', '--dataset', 'digits', ...common, '--steps', '2', '--out', directory);
    expect(result.code).toBe(0);
  }, 120_000);

  it('stores the fingerprint in config.json: absolute path, counts, classes, SHA-256 of the file list', () => {
    const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
    expect(config.dataset).toBe('digits');
    expect(config.datasetFingerprint).toMatchObject({ name: 'folder', path: join(first, 'digits'), files: 60, train: 48, test: 12, classes: ['0', '1', '7'] });
    expect(config.datasetFingerprint.fileListSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a relative --dataset resolved from another directory to other images is refused with exit 2 naming what differs', async () => {
    const result = await runIn(other, 'pretrain', '--resume', directory);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([
      `selfsup: --resume: dataset 'digits' is not the one the run in '${directory}' started on: classes 2, 3 (before: 0, 1, 7); 30 images (before: 60); other file names (the SHA-256 of the sorted file list differs) ('digits' is ${join(other, 'digits')}; the run started on ${join(first, 'digits')}); resume from the directory the run started in, or pass --allow-other-data to train on it anyway`,
    ]);
  });

  it('the same images reached from another directory are accepted', async () => {
    const result = await runIn(copy, 'pretrain', '--resume', directory);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `selfsup: the dataset is the run's (same classes, counts and file list) ('digits' is ${join(copy, 'digits')}; the run started on ${join(first, 'digits')})`,
    );
  }, 60_000);

  it('--allow-other-data trains on the other images with one warning line; without --resume it is a usage error', async () => {
    const result = await runIn(other, 'pretrain', '--resume', directory, '--allow-other-data');
    expect(result.code).toBe(0);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^selfsup: warning: dataset 'digits' is not the one the run in .* started on: classes 2, 3 \(before: 0, 1, 7\);.*; training on it \(--allow-other-data\)$/);
    const fresh = await run('pretrain', '--dataset', join(first, 'digits'), '--allow-other-data', '--out', join(root, 'fresh'));
    expect([fresh.code, fresh.err]).toEqual([2, ['selfsup: --allow-other-data only applies with --resume: a new run stores the dataset it starts on']]);
  }, 60_000);
});
