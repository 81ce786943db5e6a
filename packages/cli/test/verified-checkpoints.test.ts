import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePretrainConfig } from '../src/pretrain-config.js';
import { runPretrain } from '../src/run-pretrain.js';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines as readLines, runCli as run } from './run-cli.js';

/** Overwrites a file with as many bytes of noise: same size, different SHA-256 (what a bad disk or a stray write leaves). */
function scramble(path: string): void {
  const size = readFileSync(path).length;
  writeFileSync(path, Buffer.from(Array.from({ length: size }, (_, i) => (i * 131 + 7) % 256)));
}

describe('selfsup with damaged checkpoints (issue #11, cases 2, 6, 7)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-verified-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const directory = join(root, 'run');
  const checkpoints = join(directory, 'checkpoints');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1'];
  let losses: number[][];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    const config = join(root, 'every-3.json');
    writeFileSync(config, JSON.stringify({ checkpointEvery: 3, monitorEvery: 100 }));
    const result = await run('pretrain', ...common, '--steps', '6', '--config', config, '--out', directory);
    expect(result.code).toBe(0);
    losses = readLines(join(directory, 'metrics.jsonl')).map((line) => [line.step, line.loss]);
  }, 120_000);

  it('--resume passes over a checkpoint with random bytes in variables.bin, with one warning naming the file, and replays the same steps', async () => {
    const variables = join(checkpoints, 'step-00000006', 'variables.bin');
    scramble(variables);
    const resumed = await run('pretrain', '--resume', directory);
    expect(resumed.code).toBe(0);
    expect(resumed.err).toEqual([
      `selfsup: checkpoint ${variables}: SHA-256 differs from the manifest (the file is damaged); falling back to ${join(checkpoints, 'step-00000003')}`,
    ]);
    expect(readLines(join(directory, 'metrics.jsonl')).map((line) => [line.step, line.loss])).toEqual(losses);
    expect(JSON.parse(readFileSync(join(checkpoints, 'latest.json'), 'utf8'))).toEqual({ step: 6, path: 'step-00000006' });
  }, 120_000);

  it('embed passes over a damaged encoder (weights.bin) to the checkpoint before it, naming the file', async () => {
    const weights = join(checkpoints, 'step-00000006', 'models', 'encoder', 'weights.bin');
    const original = readFileSync(weights);
    scramble(weights);
    const npy = join(root, 'digits.npy');
    const result = await run('embed', '--checkpoint', directory, '--input', digits, '--out', npy);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([`selfsup: checkpoint ${weights}: SHA-256 differs from the manifest (the file is damaged); falling back to ${join(checkpoints, 'step-00000003')}`]);
    writeFileSync(weights, original);
    writeFileSync(join(checkpoints, 'latest.json'), JSON.stringify({ step: 6, path: 'step-00000006' }));
  }, 60_000);

  it('a deleted latest.json is rebuilt from the step folders: eval works (not "not a selfsup run")', async () => {
    rmSync(join(checkpoints, 'latest.json'));
    const evaluation = await run('eval', '--checkpoint', directory, '--json');
    expect(evaluation.code).toBe(0);
    expect(JSON.parse(evaluation.out).accuracy).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(checkpoints, 'latest.json'), 'utf8'))).toEqual({ step: 6, path: 'step-00000006' });
  }, 60_000);

  it('when no checkpoint verifies, --resume exits 1 naming each file and reason', async () => {
    const broken = join(root, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'config.json'), readFileSync(join(directory, 'config.json')));
    mkdirSync(join(broken, 'checkpoints'));
    for (const step of ['step-00000003', 'step-00000006']) {
      const from = join(checkpoints, step);
      const to = join(broken, 'checkpoints', step);
      mkdirSync(to);
      for (const file of ['manifest.json', 'trainer.json']) writeFileSync(join(to, file), readFileSync(join(from, file)));
    }
    const result = await run('pretrain', '--resume', broken);
    expect(result.code).toBe(1);
    expect(result.err.at(-1)).toMatch(
      /^selfsup: error: readLatestCheckpoint: no checkpoint in .*broken\/checkpoints verifies: checkpoint .*step-00000006\/state\.json: is missing \(the manifest lists it\); checkpoint .*step-00000003\/state\.json: is missing/,
    );
  }, 60_000);

  it('runPretrain with resume on a directory without checkpoints is an error, not a silent start at step 0 (issue #11, case 6)', async () => {
    const empty = join(root, 'never-run');
    mkdirSync(empty);
    const config = resolvePretrainConfig([{ source: 'test', values: { dataset: digits, channels: 1, imageSize: 28, out: empty, steps: 2 } }]);
    await expect(runPretrain(config, { resume: true, log: () => {} })).rejects.toThrow(
      `'${empty}' has no checkpoint to resume from (checkpoints/ holds no step folder: the run stopped, or its first checkpoint failed to write, before one was saved); start it over: selfsup pretrain --out ${empty} --overwrite with the run's options`,
    );
    expect(existsSync(join(empty, 'metrics.jsonl'))).toBe(false);
  });
});
