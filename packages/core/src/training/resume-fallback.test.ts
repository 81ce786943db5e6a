import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyMethod } from '../../test/fixtures/toy-contrastive-method.js';
import { AdamW } from '../optimizers/adamw.js';
import { useBackend } from '../testing/index.js';
import { fileRunStore } from './file-run-store.js';
import { train } from './trainer.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-resume-fallback-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Ten steps of the toy MoCo, checkpoints at 5 and 10; `resume` continues from what the store verifies. */
async function run(options: { directory?: string; resume?: boolean; warn?: (line: string) => void } = {}) {
  const toy = toyMethod(2);
  try {
    return await train({
      method: toy.method,
      data: toy.source,
      optimizer: new AdamW({ learningRate: 0.01 }),
      steps: 10,
      seed: 2,
      checkpointEvery: 5,
      store: options.directory ? fileRunStore(options.directory, { warn: options.warn }) : undefined,
      resume: options.resume,
    });
  } finally {
    toy.dispose();
  }
}

describe('train: resume from damaged checkpoints (issue #11, case 2)', () => {
  beforeAll(() => useBackend('cpu'));

  it('random bytes in the newest variables.bin: resume warns, names the file, and continues from the checkpoint before into the unbroken curve', async () => {
    const whole = await run();
    const directory = join(scratch, 'random-bytes');
    await run({ directory });
    const variables = join(directory, 'checkpoints/step-00000010/variables.bin');
    const size = readFileSync(variables).length;
    writeFileSync(variables, Buffer.from(Array.from({ length: size }, (_, i) => (i * 131 + 7) % 256)));
    const warnings: string[] = [];
    const resumed = await run({ directory, resume: true, warn: (line) => warnings.push(line) });
    expect(warnings).toEqual([
      `selfsup: checkpoint ${variables}: SHA-256 differs from the manifest (the file is damaged); falling back to ${join(directory, 'checkpoints/step-00000005')}`,
    ]);
    expect(resumed.losses).toEqual(whole.losses.slice(5));
  });

  it('a deleted optimizer.bin and method.bin in every checkpoint: resume fails naming them, instead of a fresh Adam state or a missing key', async () => {
    const directory = join(scratch, 'no-optimizer');
    await run({ directory });
    rmSync(join(directory, 'checkpoints/step-00000010/optimizer.bin'));
    rmSync(join(directory, 'checkpoints/step-00000005/method.bin'));
    await expect(run({ directory, resume: true, warn: () => {} })).rejects.toThrow(
      /no checkpoint in .* verifies: checkpoint .*step-00000010\/optimizer\.bin: is missing \(the manifest lists it\); checkpoint .*step-00000005\/method\.bin: is missing/,
    );
  });
});
