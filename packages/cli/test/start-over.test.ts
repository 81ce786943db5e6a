import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines, runCli as run } from './run-cli.js';

describe('starting over in a run directory: --overwrite (issue #11)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-start-over-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1'];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
  });

  it('a fresh run into a directory holding a run is refused naming --resume and --overwrite; --overwrite deletes the old run and starts over', async () => {
    const directory = join(root, 'run');
    expect((await run('pretrain', ...common, '--steps', '3', '--out', directory)).code).toBe(0);
    writeFileSync(join(directory, 'notes.txt'), 'mine');
    const refused = await run('pretrain', ...common, '--steps', '2', '--out', directory);
    expect([refused.code, refused.err]).toEqual([
      2,
      [
        `selfsup: --out '${directory}' already holds a run; continue it with 'selfsup pretrain --resume ${directory}', start it over with --overwrite (its checkpoints and metrics are deleted), or choose another --out`,
      ],
    ]);
    const over = await run('pretrain', ...common, '--steps', '2', '--out', directory, '--overwrite');
    expect(over.code).toBe(0);
    expect(over.err).toContain(`selfsup: --overwrite: deleted the run that was in '${directory}' (its checkpoints, metrics and results)`);
    expect(readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2]);
    expect(JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8')).steps).toBe(2);
    expect(JSON.parse(readFileSync(join(directory, 'checkpoints', 'latest.json'), 'utf8')).step).toBe(2);
    expect(readFileSync(join(directory, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(directory, 'run.lock'))).toBe(false);
    const both = await run('pretrain', '--resume', directory, '--overwrite');
    expect([both.code, both.err]).toEqual([2, ['selfsup: --overwrite starts a run over: it does not go with --resume, which continues it']]);
  }, 120_000);

  it('an empty checkpoints/ (a first checkpoint that failed to write) holds no run: a fresh run goes ahead', async () => {
    const directory = join(root, 'empty-checkpoints');
    mkdirSync(join(directory, 'checkpoints'), { recursive: true });
    writeFileSync(join(directory, 'config.json'), '{}');
    const result = await run('pretrain', ...common, '--steps', '2', '--out', directory);
    expect([result.code, result.err]).toEqual([0, []]);
    expect(JSON.parse(readFileSync(join(directory, 'checkpoints', 'latest.json'), 'utf8')).step).toBe(2);
  }, 120_000);
});
