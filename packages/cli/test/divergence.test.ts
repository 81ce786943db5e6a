import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCheckpoint } from '@selfsup/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines, runCli as run } from './run-cli.js';

describe('divergence: the last good checkpoint, and --resume with a lower learning rate (issue #11, case 3)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-divergence-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const digits = join(root, 'digits');
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '1', '--steps', '8'];
  const everyStep = join(root, 'every-step.json');
  const monitorEveryStep = join(root, 'monitor-every-step.json');

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
    writeFileSync(everyStep, JSON.stringify({ checkpointEvery: 1, monitorEvery: 100 }));
    writeFileSync(monitorEveryStep, JSON.stringify({ checkpointEvery: 1, monitorEvery: 1 }));
  });

  it('--lr 1e9 names a checkpoint that verifies; --resume DIR --lr 1e-4 goes on from it to the end, recorded in config.json', async () => {
    const directory = join(root, 'lr-1e9');
    const diverged = await run('pretrain', ...common, '--lr', '1e9', '--config', everyStep, '--out', directory);
    expect(diverged.code).toBe(1);
    const message = diverged.err.at(-1)!;
    expect(message).toMatch(/^selfsup: error: train: the run diverged at step \d+: .* not finite/);
    const named = /the last good checkpoint is (\S+);/.exec(message)?.[1];
    expect(named).toBeDefined();
    expect(message).toContain(`continue from it with a lower learning rate: selfsup pretrain --resume ${directory} --lr 100000000`);
    // It verifies (manifest, SHA-256, finite weights), and a resume reads it: latest.json names it, later folders are set aside.
    const checkpoint = await readCheckpoint(named!);
    const fromStep = checkpoint.trainer.step as number;
    expect(JSON.parse(readFileSync(join(directory, 'checkpoints', 'latest.json'), 'utf8')).path).toBe(named!.split('/').at(-1));
    expect(existsSync(join(directory, 'checkpoints', `step-${String(fromStep + 1).padStart(8, '0')}.diverged`))).toBe(true);

    const resumed = await run('pretrain', '--resume', directory, '--lr', '1e-4');
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(`selfsup: from step ${fromStep} on: learningRate 1000000000 -> 0.0001 (recorded in config.json)`);
    const losses = readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.loss);
    expect(losses).toHaveLength(8);
    expect(losses.every(Number.isFinite)).toBe(true);
    const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
    expect(config.learningRate).toBe(1e-4);
    expect(config.overrides).toEqual([{ fromStep, values: { learningRate: 1e-4 }, previous: { learningRate: 1e9 }, at: expect.any(String) }]);
  }, 120_000);

  it('--resume also takes --steps and --weight-decay; other options stay refused', async () => {
    const directory = join(root, 'longer');
    expect((await run('pretrain', ...common, '--config', everyStep, '--out', directory)).code).toBe(0);
    const refused = await run('pretrain', '--resume', directory, '--batch-size', '8');
    expect([refused.code, refused.err]).toEqual([
      2,
      ['selfsup: --resume continues the run with its stored config.json (only --lr, --steps and --weight-decay may change); drop --batch-size'],
    ]);
    const longer = await run('pretrain', '--resume', directory, '--steps', '10', '--weight-decay', '0.01');
    expect(longer.code).toBe(0);
    expect(readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
    expect([config.steps, config.totalSteps, config.weightDecay]).toEqual([10, 10, 0.01]);
    expect(config.overrides[0]).toMatchObject({ fromStep: 8, values: { steps: 10, weightDecay: 0.01 }, previous: { steps: 8, totalSteps: 8 } });
  }, 120_000);

  it('with monitorEvery 1, a divergence is reported with its step and checkpoint, not as a linear-algebra error', async () => {
    const directory = join(root, 'monitored');
    const diverged = await run('pretrain', ...common, '--lr', '1e9', '--config', monitorEveryStep, '--out', directory);
    expect(diverged.code).toBe(1);
    const message = diverged.err.at(-1)!;
    expect(message).not.toContain('symmetricEigenvalues');
    expect(message).toMatch(/^selfsup: error: train: the run diverged at step \d+: .*not finite.*; the last good checkpoint is \S+step-\d+;/);
  }, 120_000);
});
