import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines, runCli as run } from './run-cli.js';

/** Writes to a file for which this returns true fail as on a full disk: half the bytes land, then ENOSPC. */
let diskFull: (path: string) => boolean = () => false;

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (diskFull(String(args[0]))) {
        handle.writeFile = async (data: string | Uint8Array) => {
          const bytes = typeof data === 'string' ? Buffer.from(data) : data;
          await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        };
      }
      return handle;
    },
  };
});

/** The bytes of every file under a folder. */
function folderBytes(folder: string): number {
  return (readdirSync(folder, { recursive: true }) as string[])
    .map((name) => statSync(join(folder, name)))
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + entry.size, 0);
}

describe('selfsup pretrain on a disk that fills up (issue #11, case 7)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-disk-full-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const config = join(root, 'checkpoint-every-2.json');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '2'];
  const args = [...common, '--steps', '6', '--config', config];
  let whole: number[];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    writeFileSync(config, JSON.stringify({ checkpointEvery: 2, monitorEvery: 100 }));
    const directory = join(root, 'whole');
    expect((await run('pretrain', ...args, '--out', directory)).code).toBe(0);
    whole = readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.loss);
  }, 120_000);

  it('ENOSPC in a checkpoint: exit 1 with one line naming the file and the bytes a checkpoint needs; step 2 and latest.json stay; --resume gives the losses of the run never stopped', async () => {
    const directory = join(root, 'full');
    const checkpoints = join(directory, 'checkpoints');
    diskFull = (path) => path.startsWith(join(checkpoints, '.step-00000004.partial-')) && path.includes('/variables.bin.tmp-');
    const failed = await run('pretrain', ...args, '--out', directory).finally(() => {
      diskFull = () => false;
    });
    const file = join(checkpoints, 'step-00000004', 'variables.bin');
    // A checkpoint of this run takes what the one of step 2 takes (same models, as many digits), its manifest included.
    const bytes = folderBytes(join(checkpoints, 'step-00000002'));
    expect(failed.code).toBe(1);
    expect(failed.err).toEqual([
      `selfsup: error: could not save the checkpoint of step 4: writing ${file} failed (ENOSPC: no space left on device, write); ` +
        `a checkpoint of this run needs ${(bytes / 1e6).toFixed(1)} MB (${bytes.toLocaleString('en-US')} bytes) of free space; ` +
        `nothing of it was kept: the earlier checkpoints and latest.json are as they were; free the space, then continue with: selfsup pretrain --resume ${directory}`,
    ]);
    expect(readdirSync(checkpoints).sort()).toEqual(['latest.json', 'step-00000002']);
    expect(readJsonLines(join(checkpoints, 'latest.json'))).toEqual([{ step: 2, path: 'step-00000002' }]);

    const resumed = await run('pretrain', '--resume', directory);
    expect([resumed.code, resumed.err]).toEqual([0, []]);
    const metrics = readJsonLines(join(directory, 'metrics.jsonl'));
    expect(metrics.map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(metrics.map((line) => line.loss)).toEqual(whole);
  }, 180_000);

  it('ENOSPC in the first checkpoint: checkpoints/ is left empty; --resume says there is no checkpoint and to start over with --overwrite, which does', async () => {
    const directory = join(root, 'first');
    const checkpoints = join(directory, 'checkpoints');
    diskFull = (path) => path.startsWith(join(checkpoints, '.step-00000002.partial-')) && path.includes('/trainer.json.tmp-');
    const failed = await run('pretrain', ...args, '--out', directory).finally(() => {
      diskFull = () => false;
    });
    expect(failed.code).toBe(1);
    expect(failed.err).toHaveLength(1);
    expect(failed.err[0]).toMatch(
      `selfsup: error: could not save the checkpoint of step 2: writing ${join(checkpoints, 'step-00000002', 'trainer.json')} failed (ENOSPC: no space left on device, write)`,
    );
    expect(failed.err[0]).toMatch(
      `; free the space, then start it over: selfsup pretrain --out ${directory} --overwrite with the run's other options (they are in ${join(directory, 'config.json')})`,
    );
    expect(readdirSync(checkpoints)).toEqual([]);

    const resume = await run('pretrain', '--resume', directory);
    expect([resume.code, resume.err]).toEqual([
      2,
      [
        `selfsup: --resume: '${directory}' has no checkpoint to resume from (checkpoints/ holds no step folder: the run stopped, or its first checkpoint failed to write, before one was saved); ` +
          `start it over: selfsup pretrain --out ${directory} --overwrite with the run's other options (they are in ${join(directory, 'config.json')})`,
      ],
    ]);
    const over = await run('pretrain', ...args, '--out', directory, '--overwrite');
    expect(over.code).toBe(0);
    expect(readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.loss)).toEqual(whole);
  }, 180_000);
});
