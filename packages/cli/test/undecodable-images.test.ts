import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines as readLines, runCli as run } from './run-cli.js';

/** Cuts a real PNG (written by sharp) in half: its header still passes the folder's check, its pixel data does not decode. */
function truncate(path: string): void {
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

describe('selfsup with images that do not decode (issue #11, case 1)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-undecodable-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  // 7/010.png is in the training split (past the 8 images of the views grid); 1/004.png in the test split (every 5th file of a class).
  const inTraining = join(digits, '7', '010.png');
  const inTest = join(digits, '1', '004.png');
  const config = join(root, 'no-monitor.json');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1'];
  const warning = (file: string) => new RegExp(`^selfsup: skipping ${file.replace(/[.]/g, '\\.')}: it does not decode \\(.+\\)$`);

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    truncate(inTraining);
    truncate(inTest);
    writeFileSync(config, JSON.stringify({ monitorEvery: 100 }));
  });

  it('pretrain skips each file with one warning naming it, counts it in metrics.jsonl, and probes the rest', async () => {
    const directory = join(root, 'skipping');
    const result = await run('pretrain', ...common, '--steps', '6', '--config', config, '--out', directory);
    expect(result.code).toBe(0);
    expect(result.err).toHaveLength(2);
    expect(result.err[0]).toMatch(warning(inTraining));
    expect(result.err[1]).toMatch(warning(inTest));
    expect(result.out).toMatch(/pretrained +\d+\.\d\d% +\d+\.\d\d%/);
    expect(result.out).toContain(`selfsup: skipped 2 images that did not decode: ${inTraining}, ${inTest}`);
    const lines = readLines(join(directory, 'metrics.jsonl'));
    expect(lines.map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6]);
    // Two epochs of 3 batches: every training image is met in the first epoch, so the count is there by its end.
    expect(lines[2].skippedImages).toBe(1);
    expect(lines[5].skippedImages).toBe(1);
    const projection = JSON.parse(readFileSync(join(directory, 'projection.json'), 'utf8'));
    expect(projection.labels).toHaveLength(11);
    expect(existsSync(join(directory, 'report.html'))).toBe(true);

    const evaluation = await run('eval', '--checkpoint', directory, '--json');
    expect(evaluation.code).toBe(0);
    expect(evaluation.err).toHaveLength(2);
    expect(evaluation.err[0]).toMatch(warning(inTraining));
    expect(JSON.parse(evaluation.out)).toMatchObject({ skippedImages: 2 });
    expect(JSON.parse(evaluation.out).accuracy).toBeGreaterThan(0);
    const strictEvaluation = await run('eval', '--checkpoint', directory, '--strict-data');
    expect(strictEvaluation.code).toBe(1);
    expect(strictEvaluation.err.join('\n')).toContain(inTraining);

    const jsonl = join(root, 'digits.jsonl');
    const embedded = await run('embed', '--checkpoint', directory, '--input', digits, '--out', jsonl);
    expect(embedded.code).toBe(0);
    expect(embedded.err).toHaveLength(2);
    expect(embedded.out).toContain('58 embeddings of dimension 64');
    expect(embedded.out).toContain('(2 images that did not decode left out)');
    const rows = readLines(jsonl);
    expect(rows.map((row) => row.file)).not.toContain(inTest);
    expect(rows.find((row) => row.file === join(digits, '1', '005.png')).label).toBe('1');
  }, 180_000);

  it('--strict-data: the run saves a checkpoint and exits 1 naming the file; --resume without it finishes', async () => {
    const directory = join(root, 'strict');
    const result = await run('pretrain', ...common, '--steps', '6', '--config', config, '--strict-data', '--out', directory);
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(1);
    const match = result.err[0].match(/^selfsup: error: --strict-data: (.+) does not decode \(.+\); the run is saved at step (\d+)\. Fix or remove the file, then continue with: selfsup pretrain --resume (.+)$/);
    expect(match).not.toBeNull();
    expect([match![1], match![3]]).toEqual([inTraining, directory]);
    const latest = JSON.parse(readFileSync(join(directory, 'checkpoints', 'latest.json'), 'utf8'));
    expect(latest.step).toBe(Number(match![2]));
    expect(latest.step).toBeLessThan(6);

    const resumed = await run('pretrain', '--resume', directory);
    expect(resumed.code).toBe(0);
    expect(readLines(join(directory, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.err[0]).toMatch(warning(inTraining));
  }, 180_000);
});
