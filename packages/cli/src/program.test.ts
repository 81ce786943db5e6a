import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEXT_RECIPE_NAMES } from '@selfsup/text';
import { describe, expect, it } from 'vitest';
import { main } from './program.js';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { log: (line) => out.push(line), error: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('selfsup command line', () => {
  it('prints help for the program and every subcommand, exit 0', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    for (const name of ['pretrain', 'eval', 'embed', 'report']) expect(top.out).toContain(name);
    for (const [name, option] of [
      ['pretrain', '--method'],
      ['eval', '--probe'],
      ['embed', '--input'],
      ['report', '<dir>'],
    ]) {
      const help = await run(name, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(option);
    }
  });

  it('an unknown method is one line naming it and the choices, exit 2, no stack trace', async () => {
    const result = await run('pretrain', '--method', 'simclrr');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `selfsup: unknown method 'simclrr'; choose one of: simclr, moco, byol, simsiam, dino, rotation, jigsaw, inpainting, autoencoder, colorization, ${TEXT_RECIPE_NAMES.join(', ')}, word2vec, glove`,
    );
  });

  it('says colorization does not apply to one-channel images', async () => {
    const result = await run('pretrain', '--method', 'colorization', '--out', join(tmpdir(), 'never-written'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^selfsup: --method colorization needs colour images, but the dataset's images have 1 channel\(s\): on grayscale data such as MNIST there is no colour to predict/,
    );
  });

  it('rejects a bad number, naming the option', async () => {
    const result = await run('pretrain', '--steps', 'ten');
    expect([result.code, result.err]).toEqual([2, "selfsup: --steps must be an integer, got 'ten'"]);
  });

  it('rejects a missing dataset folder, listing the built-in datasets', async () => {
    const result = await run('pretrain', '--dataset', '/no/such/folder', '--out', join(tmpdir(), 'never-written'));
    expect(result.code).toBe(2);
    expect(result.err).toBe("selfsup: dataset '/no/such/folder' is neither a built-in dataset (mnist, emoji) nor an existing folder of images");
  });

  it('rejects a config file with an unknown key, a missing file and bad JSON', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'selfsup-config-'));
    writeFileSync(join(directory, 'bad-key.json'), JSON.stringify({ method: 'byol', learning_rate: 0.1 }));
    writeFileSync(join(directory, 'bad.json'), '{ method: byol');
    const unknownKey = await run('pretrain', '--config', join(directory, 'bad-key.json'));
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.err).toMatch(/bad-key\.json: unknown key 'learning_rate'; valid keys: method, dataset, .*learningRate/);
    const missing = await run('pretrain', '--config', join(directory, 'none.json'));
    expect([missing.code, missing.err]).toEqual([2, `selfsup: --config: cannot read '${join(directory, 'none.json')}' (no such file?)`]);
    const badJson = await run('pretrain', '--config', join(directory, 'bad.json'));
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(/--config: '.*bad\.json' is not valid JSON/);
  });

  it('rejects unknown options and subcommands through commander, exit 2', async () => {
    const option = await run('pretrain', '--methd', 'byol');
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/unknown option '--methd'\n\(Did you mean --method\?\)/);
    expect((await run('pretrian')).code).toBe(2);
  });

  it('eval and embed name a folder that is not a run; --resume too', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'selfsup-empty-'));
    const evaluation = await run('eval', '--checkpoint', empty);
    expect(evaluation.code).toBe(2);
    expect(evaluation.err).toContain(`--checkpoint: '${empty}' is not a selfsup run (expected config.json and checkpoints/latest.json`);
    expect((await run('embed', '--checkpoint', empty, '--input', empty, '--out', join(empty, 'e.npy'))).code).toBe(2);
    expect((await run('embed', '--checkpoint', empty, '--input', empty, '--out', join(empty, 'e.csv'))).err).toBe(
      `selfsup: --out '${join(empty, 'e.csv')}' must end in .npy or .jsonl`,
    );
    expect((await run('pretrain', '--resume', empty)).err).toContain('--resume: ');
    expect((await run('pretrain', '--resume', empty, '--batch-size', '3')).err).toBe(
      'selfsup: --resume continues the run with its stored config.json (only --lr, --steps and --weight-decay may change); drop --batch-size',
    );
    expect((await run('eval', '--checkpoint', empty, '--probe', 'svm')).err).toBe("selfsup: unknown probe 'svm'; choose one of: linear, knn");
    expect((await run('report', empty)).code).toBe(2);
  });
});
