import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines as readLines, runCli as run } from './run-cli.js';

describe('one writer per run directory (issue #11, case 4)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-lock-run-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const directory = join(root, 'run');
  const lock = join(directory, 'run.lock');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1'];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    writeFileSync(join(root, 'every-2.json'), JSON.stringify({ checkpointEvery: 2, monitorEvery: 1000 }));
  });

  it('a second writer (--resume or a fresh run on the same --out) is refused with exit 2 naming the first; SIGTERM releases the lock', async () => {
    const bin = new URL('../src/bin.ts', import.meta.url).pathname;
    const args = ['pretrain', ...common, '--steps', '2000', '--config', join(root, 'every-2.json'), '--out', directory];
    const child = spawn(process.execPath, ['--conditions=@selfsup/source', '--import', 'tsx/esm', bin, ...args], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const metrics = join(directory, 'metrics.jsonl');
    // A checkpoint exists from step 2 on, so that --resume gets as far as the lock.
    while (!(existsSync(metrics) && readFileSync(metrics, 'utf8').split('\n').length > 4)) await new Promise((resolve) => setTimeout(resolve, 100));
    const holder = JSON.parse(readFileSync(lock, 'utf8'));
    expect(holder).toMatchObject({ pid: child.pid, host: hostname() });

    const resumed = await run('pretrain', '--resume', directory);
    const fresh = await run('pretrain', ...common, '--steps', '4', '--out', directory);
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    const refusal = `selfsup: '${directory}' is in use by another selfsup run: PID ${child.pid} on ${hostname()} since ${holder.since} (${lock}); wait for it to finish or stop it`;
    expect([resumed.code, resumed.err]).toEqual([2, [refusal]]);
    expect([fresh.code, fresh.err]).toEqual([2, [refusal]]);
    // The steps were logged once, by the one writer.
    const steps = readLines(metrics).map((line) => line.step);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    expect(existsSync(lock)).toBe(false);
  }, 180_000);

  it('a stale lock (this host, its process gone, as after a SIGKILL) is taken over with one warning line', async () => {
    const pid = spawnSync(process.execPath, ['-e', '']).pid as number;
    const killed = join(root, 'killed');
    mkdirSync(killed);
    writeFileSync(join(killed, 'run.lock'), JSON.stringify({ pid, host: hostname(), since: '2024-01-01T00:00:00.000Z', token: 'gone' }));
    const result = await run('pretrain', ...common, '--steps', '2', '--out', killed);
    expect(result.err).toEqual([
      `selfsup: taking over the stale lock ${join(killed, 'run.lock')} of PID ${pid} on ${hostname()} (since 2024-01-01T00:00:00.000Z), which is no longer running`,
    ]);
    expect(result.code).toBe(0);
    expect(existsSync(join(killed, 'run.lock'))).toBe(false);
    // An error after the lock is taken releases it too.
    const again = await run('pretrain', ...common, '--steps', '2', '--out', killed);
    expect([again.code, again.err.length]).toEqual([2, 1]);
    expect(again.err[0]).toMatch(/already holds a run/);
    expect(existsSync(join(killed, 'run.lock'))).toBe(false);
  }, 120_000);
});
