import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toyMethod } from '../../test/fixtures/toy-contrastive-method.js';
import { AdamW } from '../optimizers/adamw.js';
import { useBackend } from '../testing/index.js';

/** Writes to a file for which this returns true fail as on a full disk: half the bytes land, then ENOSPC. */
let diskFull: (path: string) => boolean = () => false;
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

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
          throw enospc();
        };
      }
      return handle;
    },
    appendFile: async (...args: Parameters<typeof actual.appendFile>) => {
      if (diskFull(String(args[0]))) throw enospc();
      return actual.appendFile(...args);
    },
  };
});

const { fileRunStore } = await import('./file-run-store.js');
const { readCheckpoint } = await import('./checkpoint.js');
const { train } = await import('./trainer.js');
const { CheckpointWriteError } = await import('./training-errors.js');

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-disk-full-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Ten steps of the toy MoCo, a checkpoint every 2 steps; `resume` continues from the store's newest checkpoint. */
async function run(options: { directory?: string; resume?: boolean } = {}) {
  const toy = toyMethod(3);
  try {
    return await train({
      method: toy.method,
      data: toy.source,
      optimizer: new AdamW({ learningRate: 0.01 }),
      steps: 10,
      seed: 3,
      checkpointEvery: 2,
      store: options.directory ? fileRunStore(options.directory, { warn: () => {} }) : undefined,
      resume: options.resume,
    });
  } finally {
    toy.dispose();
  }
}

/** Every file under a folder, with its size. */
function sizes(folder: string): Record<string, number> {
  return Object.fromEntries(
    (readdirSync(folder, { recursive: true }) as string[])
      .filter((name) => statSync(join(folder, name)).isFile())
      .map((name) => [name, statSync(join(folder, name)).size]),
  );
}

describe('train: a disk that fills up while a checkpoint is written (issue #11, case 7)', () => {
  let whole: number[];
  beforeAll(async () => {
    useBackend('cpu');
    whole = (await run()).losses;
  });

  it.each([
    ['trainer.json', 'step-00000006/trainer.json'],
    ['variables.bin', 'step-00000006/variables.bin'],
    ['models/encoder/weights.bin', 'step-00000006/models/encoder/weights.bin'],
    ['manifest.json', 'step-00000006/manifest.json'],
  ])(
    'ENOSPC writing %s: the error names the file and the bytes a checkpoint needs; step 4 and latest.json stay; resume finishes the unbroken curve',
    async (file, failing) => {
      const directory = join(scratch, file.replaceAll('/', '-'));
      const checkpoints = join(directory, 'checkpoints');
      diskFull = (path) => path.startsWith(join(checkpoints, '.step-00000006.partial-')) && path.includes(`/${file}.tmp-`);
      const error = await run({ directory }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      diskFull = () => false;
      expect(error).toBeInstanceOf(CheckpointWriteError);
      const failed = error as InstanceType<typeof CheckpointWriteError>;
      expect([failed.step, failed.file, failed.cause.message]).toEqual([6, join(checkpoints, failing), 'ENOSPC: no space left on device, write']);
      expect(failed.message).toMatch(
        new RegExp(
          `^could not save the checkpoint of step 6: writing ${join(checkpoints, failing)} failed \\(ENOSPC: no space left on device, write\\); a checkpoint of this run needs [\\d.]+ kB \\([\\d,]+ bytes\\) of free space; nothing of it was kept`,
        ),
      );
      // Resumable: no half-written folder, no temporary file, latest.json names step 4, which verifies.
      expect(readdirSync(checkpoints).sort()).toEqual(['latest.json', 'step-00000002', 'step-00000004']);
      expect(Object.keys(sizes(checkpoints)).filter((name) => name.includes('.tmp-'))).toEqual([]);
      expect(JSON.parse(readFileSync(join(checkpoints, 'latest.json'), 'utf8'))).toEqual({ step: 4, path: 'step-00000004' });
      await expect(readCheckpoint(join(checkpoints, 'step-00000004'))).resolves.toMatchObject({ trainer: { step: 4 } });

      // The size stated is what a checkpoint of this run takes, its manifest included: the one of step 4 (same layer names, as many digits).
      expect(failed.bytes).toBe(Object.values(sizes(join(checkpoints, 'step-00000004'))).reduce((a, b) => a + b, 0));

      // Space freed: the resumed run ends on the curve of the run never stopped.
      const resumed = await run({ directory, resume: true });
      expect(resumed.losses).toEqual(whole.slice(4));
      const metrics = readFileSync(join(directory, 'metrics.jsonl'), 'utf8').trim().split('\n');
      expect(metrics.map((line) => JSON.parse(line).step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    },
  );

  it('ENOSPC writing latest.json: the new folder is complete but latest.json still names step 4; resume finishes the unbroken curve', async () => {
    const directory = join(scratch, 'latest');
    const checkpoints = join(directory, 'checkpoints');
    let armed = false;
    diskFull = (path) => armed && path.startsWith(join(checkpoints, 'latest.json.tmp-'));
    const toy = toyMethod(3);
    const failing = train({
      method: toy.method,
      data: toy.source,
      optimizer: new AdamW({ learningRate: 0.01 }),
      steps: 10,
      seed: 3,
      checkpointEvery: 2,
      store: fileRunStore(directory, { warn: () => {} }),
      callbacks: [
        {
          onCheckpoint: ({ step }) => {
            armed = step === 4;
          },
        },
      ],
    }).finally(() => toy.dispose());
    await expect(failing).rejects.toThrow(
      `could not save the checkpoint of step 6: writing ${join(checkpoints, 'latest.json')} failed (ENOSPC: no space left on device, write)`,
    );
    diskFull = () => false;
    expect(JSON.parse(readFileSync(join(checkpoints, 'latest.json'), 'utf8'))).toEqual({ step: 4, path: 'step-00000004' });
    const resumed = await run({ directory, resume: true });
    expect(resumed.losses).toEqual(whole.slice(4));
  });

  it('ENOSPC appending to metrics.jsonl names the file; resume finishes the unbroken curve', async () => {
    const directory = join(scratch, 'metrics');
    let appended = 0;
    diskFull = (path) => path === join(directory, 'metrics.jsonl') && ++appended > 5;
    await expect(run({ directory })).rejects.toThrow(
      `fileRunStore: appending step 6 to ${join(directory, 'metrics.jsonl')} failed (ENOSPC: no space left on device, write)`,
    );
    diskFull = () => false;
    const resumed = await run({ directory, resume: true });
    expect(resumed.losses).toEqual(whole.slice(4));
  });
});
