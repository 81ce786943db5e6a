import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { runCli as run } from './run-cli.js';

describe('usage and data checks: exit 2 and one line (issue #11, case 7)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-usage-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const folder = ['--channels', '1', '--image-size', '28', '--probe-train', '200', '--workers', '1'];
  const common = ['--dataset', digits, ...folder, '--batch-size', '16'];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
  });

  it('config values of the wrong type (true, null, [16]) name the file and the key', async () => {
    for (const [value, shown] of [
      [true, 'true'],
      [null, 'null'],
      [[16], '[16]'],
    ] as const) {
      const config = join(root, 'bad.json');
      writeFileSync(config, JSON.stringify({ batchSize: value }));
      const result = await run('pretrain', ...common, '--config', config, '--out', join(root, 'never'));
      expect([result.code, result.err]).toEqual([2, [`selfsup: ${config}: 'batchSize' must be an integer, got ${shown}`]]);
    }
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('absurd step counts: --steps 1e20, epochs that make more than 10,000,000 steps, fractions', async () => {
    const steps = await run('pretrain', ...common, '--steps', '1e20', '--out', join(root, 'never'));
    expect([steps.code, steps.err]).toEqual([2, ['selfsup: --steps must be an integer <= 10,000,000, got 100,000,000,000,000,000,000']]);
    const epochs = await run('pretrain', ...common, '--epochs', '5000000', '--out', join(root, 'never'));
    expect([epochs.code, epochs.err]).toEqual([
      2,
      ['selfsup: --epochs 5000000 of 3 steps each make 15,000,000 steps, more than the most a run takes (10,000,000)'],
    ]);
    expect((await run('pretrain', ...common, '--steps', '2.5', '--out', join(root, 'never'))).err).toEqual(["selfsup: --steps must be an integer, got '2.5'"]);
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('--image-size outside 8..1024 is refused; 8 trains', async () => {
    for (const [size, line] of [
      ['1', 'selfsup: --image-size must be an integer >= 8, got 1'],
      ['2048', 'selfsup: --image-size must be an integer <= 1,024, got 2,048'],
    ]) {
      const result = await run('pretrain', '--dataset', digits, '--image-size', size, '--out', join(root, 'never'));
      expect([result.code, result.err]).toEqual([2, [line]]);
    }
    const small = await run('pretrain', '--dataset', digits, '--image-size', '8', '--channels', '1', '--batch-size', '16', '--steps', '2', '--workers', '1', '--out', join(root, 'eight'));
    expect(small.code).toBe(0);
  }, 60_000);

  it('a batch larger than the training split is refused, naming both', async () => {
    const result = await run('pretrain', '--dataset', digits, ...folder, '--batch-size', '64', '--out', join(root, 'never'));
    expect([result.code, result.err]).toEqual([
      2,
      [`selfsup: --batch-size 64 is larger than the training split of '${digits}' (48 images); give --batch-size 48 or less`],
    ]);
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('one class: pretrain runs, the probes are skipped with a note (not 100% vs 100%)', async () => {
    const sevens = join(root, 'sevens');
    mkdirSync(join(sevens, '7'), { recursive: true });
    for (const file of readdirSync(join(digits, '7'))) copyFileSync(join(digits, '7', file), join(sevens, '7', file));
    const directory = join(root, 'one-class');
    const result = await run('pretrain', '--dataset', sevens, ...folder, '--batch-size', '8', '--steps', '2', '--out', directory);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`selfsup: '${sevens}' has one class (7); the probes need at least two, so they are skipped; the encoder is in ${directory}/checkpoints`);
    expect(existsSync(join(directory, 'evaluation.json'))).toBe(false);
    expect(existsSync(join(directory, 'report.html'))).toBe(true);
  }, 60_000);

  it('eval on a dataset with one class: skipped with a note, exit 0, and --json says so (the run of the test above)', async () => {
    const sevens = join(root, 'sevens');
    const directory = join(root, 'one-class');
    const note = `'${sevens}' has one class (7); the probes need at least two, so they are skipped`;
    const text = await run('eval', '--checkpoint', directory);
    expect([text.code, text.out, text.err]).toEqual([0, `selfsup: ${note}`, []]);
    const json = await run('eval', '--checkpoint', directory, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ method: 'simclr', dataset: sevens, probe: 'linear', skipped: true, reason: note });
  }, 60_000);

  it('class folders mixed with a loose image: refused, naming the stray file and the class folders', async () => {
    const mixed = join(root, 'mixed');
    mkdirSync(mixed);
    for (const label of ['0', '1', '7']) {
      mkdirSync(join(mixed, label));
      for (const file of readdirSync(join(digits, label))) copyFileSync(join(digits, label, file), join(mixed, label, file));
    }
    copyFileSync(join(digits, '7', '000.png'), join(mixed, 'stray.png'));
    const result = await run('pretrain', '--dataset', mixed, ...folder, '--batch-size', '16', '--out', join(root, 'never'));
    expect([result.code, result.err]).toEqual([
      2,
      [
        `selfsup: dataset '${mixed}' has class sub-folders (0, 1, 7) and also an image directly in it (stray.png), so it is neither labelled nor flat: move that file into a class folder or out of '${mixed}'`,
      ],
    ]);
  });
});
