import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { runCli as run } from './run-cli.js';

const losses = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .map((line) => [line.step, line.loss]);

describe('metrics.jsonl with a torn last line (issue #11, case 7)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-torn-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const directory = join(root, 'run');
  const metrics = join(directory, 'metrics.jsonl');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1'];
  let whole: unknown[][];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    writeFileSync(join(root, 'every-2.json'), JSON.stringify({ checkpointEvery: 2, monitorEvery: 1000 }));
  });

  it('a new run drops the lines of an attempt killed before its first checkpoint', async () => {
    mkdirSync(directory);
    writeFileSync(metrics, '{"step":1,"loss":9}\n{"step":2,"loss":9}\n');
    const result = await run('pretrain', ...common, '--steps', '4', '--config', join(root, 'every-2.json'), '--out', directory);
    expect(result.code).toBe(0);
    whole = losses(metrics);
    expect(whole.map(([step]) => step)).toEqual([1, 2, 3, 4]);
    expect(whole.some(([, loss]) => loss === 9)).toBe(false);
  }, 120_000);

  it('a crash while writing step 4 (checkpoint at 2, a torn line): report and --resume succeed, dropping the line with a warning', async () => {
    // What a crash in the middle of appending step 4's line leaves: the checkpoint of step 2, steps 1-3 and part of a line.
    rmSync(join(directory, 'checkpoints', 'step-00000004'), { recursive: true });
    writeFileSync(join(directory, 'checkpoints', 'latest.json'), JSON.stringify({ step: 2, path: 'step-00000002' }));
    const complete = readFileSync(metrics, 'utf8').split('\n').slice(0, 3).join('\n');
    writeFileSync(metrics, `${complete}\n{"step":4,"epoch":1,"lo`);

    const report = await run('report', directory);
    expect(report.code).toBe(0);
    expect(report.err).toEqual([`selfsup: ${metrics}: leaving out its torn last line (a crash in the middle of writing it): "{\\"step\\":4,\\"epoch\\":1,\\"lo"`]);
    expect(existsSync(join(directory, 'report.html'))).toBe(true);

    const resumed = await run('pretrain', '--resume', directory);
    expect(resumed.err).toEqual([`selfsup: ${metrics}: dropping its torn last line (a crash in the middle of writing it): "{\\"step\\":4,\\"epoch\\":1,\\"lo"`]);
    expect(resumed.code).toBe(0);
    // Truncated to the resumed step, then steps 3 and 4 again: the run never interrupted.
    expect(losses(metrics)).toEqual(whole);
  }, 120_000);
});
