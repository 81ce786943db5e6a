import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDigitFolder } from './digit-folder.js';
import { readJsonLines as readLines, runCli as run } from './run-cli.js';

describe('selfsup pretrain, eval, embed on a folder of real digits', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-cli-'));
  const digits = join(root, 'digits');
  const runDirectory = join(root, 'run');
  // Two worker threads share each step (the default on a 2-core machine), whatever the machine.
  const common = ['--dataset', digits, '--channels', '1', '--image-size', '28', '--batch-size', '16', '--probe-train', '200', '--workers', '2'];

  beforeAll(async () => {
    await writeDigitFolder(digits, { digits: [0, 1, 7], perClass: 20 });
  });

  it('pretrains, probes against random init and writes every file of the run', async () => {
    const result = await run('pretrain', ...common, '--steps', '6', '--out', runDirectory);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/pretrained +\d+\.\d\d% +\d+\.\d\d%/);
    expect(result.out).toMatch(/random init +\d+\.\d\d%/);
    expect(result.out).toMatch(/raw pixels +\d+\.\d\d% +\d+\.\d\d%/);
    expect(result.out).toMatch(/gain +[+-]\d+\.\d\d points/);
    for (const file of ['config.json', 'metrics.jsonl', 'checkpoints/latest.json', 'evaluation.json', 'projection.json', 'augmented-views.png', 'report.html']) {
      expect(existsSync(join(runDirectory, file)), file).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(runDirectory, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ method: 'simclr', backbone: 'convnet', steps: 6, batchSize: 16, workers: 2, imageShape: [28, 28, 1], classes: ['0', '1', '7'] });
    expect(readLines(join(runDirectory, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const evaluation = JSON.parse(readFileSync(join(runDirectory, 'evaluation.json'), 'utf8'));
    expect(evaluation).toMatchObject({ method: 'simclr', probeTrainCount: 48, testCount: 12 });
    for (const encoder of ['pretrained', 'randomInit', 'rawPixels']) {
      for (const probe of ['linear', 'knn']) expect(evaluation.results[encoder][probe]).toBeGreaterThanOrEqual(0);
    }
    const projection = JSON.parse(readFileSync(join(runDirectory, 'projection.json'), 'utf8'));
    expect([projection.labels.length, projection.embeddings[0].length]).toEqual([12, 64]);
  }, 120_000);

  it('pretrains on a flat, unlabelled folder and says there is nothing to probe', async () => {
    const flat = join(root, 'flat');
    mkdirSync(flat);
    for (const file of readdirSync(join(digits, '7'))) copyFileSync(join(digits, '7', file), join(flat, file));
    const directory = join(root, 'flat-run');
    const result = await run('pretrain', '--dataset', flat, '--channels', '1', '--image-size', '28', '--batch-size', '8', '--steps', '2', '--out', directory);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`'${flat}' has no class sub-folders, so there is nothing to probe`);
    expect(existsSync(join(directory, 'evaluation.json'))).toBe(false);
    expect(existsSync(join(directory, 'report.html'))).toBe(true);
    expect((await run('eval', '--checkpoint', directory)).err).toEqual([`selfsup: dataset '${flat}' has no labels (no class sub-folders), so there is nothing to probe`]);
  }, 60_000);

  it('repeats a run exactly with the same seed', async () => {
    const again = join(root, 'again');
    expect((await run('pretrain', ...common, '--steps', '6', '--out', again)).code).toBe(0);
    const losses = (directory: string) => readLines(join(directory, 'metrics.jsonl')).map((line) => line.loss);
    expect(losses(again)).toEqual(losses(runDirectory));
    expect(readFileSync(join(again, 'evaluation.json'), 'utf8')).toBe(readFileSync(join(runDirectory, 'evaluation.json'), 'utf8'));
  }, 120_000);

  it('eval --json prints the probe of the run and its baseline', async () => {
    const result = await run('eval', '--checkpoint', runDirectory, '--probe', 'knn', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ method: 'simclr', dataset: digits, probe: 'knn', testCount: 12 });
    const evaluation = JSON.parse(readFileSync(join(runDirectory, 'evaluation.json'), 'utf8'));
    // The same encoder, data and probe as the end of the run: the same figures.
    expect(json.accuracy).toBeCloseTo(evaluation.results.pretrained.knn, 10);
    expect(json.baselineAccuracy).toBeCloseTo(evaluation.results.randomInit.knn, 10);
    expect(json.rawPixelsAccuracy).toBeCloseTo(evaluation.results.rawPixels.knn, 10);
  }, 60_000);

  it('embed writes .npy (with the file order) and .jsonl', async () => {
    const npy = join(root, 'digits.npy');
    expect((await run('embed', '--checkpoint', runDirectory, '--input', digits, '--out', npy)).code).toBe(0);
    const bytes = readFileSync(npy);
    expect(bytes.subarray(1, 6).toString()).toBe('NUMPY');
    expect(bytes.toString('latin1', 10, 10 + bytes.readUInt16LE(8))).toContain("'shape': (60, 64)");
    expect(readFileSync(`${npy}.files.txt`, 'utf8').trim().split('\n')).toHaveLength(60);
    const jsonl = join(root, 'digits.jsonl');
    expect((await run('embed', '--checkpoint', runDirectory, '--input', digits, '--out', jsonl)).code).toBe(0);
    const lines = readLines(jsonl);
    expect(lines).toHaveLength(60);
    expect(lines[0]).toMatchObject({ label: '0' });
    expect(lines[0].embedding).toHaveLength(64);
    const row = new Float32Array(bytes.buffer.slice(bytes.byteOffset + bytes.length - 60 * 64 * 4, bytes.byteOffset + bytes.length)).subarray(0, 64);
    expect(lines[0].embedding).toEqual(Array.from(row));
  }, 60_000);

  it('colorization on the emoji images: the encoder sees lightness, in training, probes and eval', async () => {
    const directory = join(root, 'colorization');
    const result = await run('pretrain', '--method', 'colorization', '--dataset', 'emoji', '--steps', '3', '--batch-size', '16', '--probe-train', '200', '--out', directory);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const config = JSON.parse(readFileSync(join(directory, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ method: 'colorization', imageShape: [32, 32, 3], encoderInput: 'lightness' });
    expect(config.classes).toHaveLength(9);
    const json = JSON.parse((await run('eval', '--checkpoint', directory, '--json')).out);
    expect(json).toMatchObject({ method: 'colorization', dataset: 'emoji', probe: 'linear' });
    const evaluation = JSON.parse(readFileSync(join(directory, 'evaluation.json'), 'utf8'));
    expect(json.accuracy).toBeCloseTo(evaluation.results.pretrained.linear, 10);
  }, 120_000);

  it('SIGKILL on 2 workers, then --resume: the same losses and the same probe figures as the run never killed', async () => {
    const config = join(root, 'checkpoint-every-5.json');
    writeFileSync(config, JSON.stringify({ checkpointEvery: 5, monitorEvery: 100 }));
    const args = [...common, '--steps', '60', '--config', config];
    const whole = join(root, 'never-killed');
    expect((await run('pretrain', ...args, '--out', whole)).code).toBe(0);

    const killed = join(root, 'killed');
    const bin = new URL('../src/bin.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--conditions=@selfsup/source', '--import', 'tsx/esm', bin, 'pretrain', ...args, '--out', killed], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: 'ignore',
    });
    const metrics = join(killed, 'metrics.jsonl');
    while (!(existsSync(metrics) && readFileSync(metrics, 'utf8').split('\n').length > 12)) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(readLines(metrics).length).toBeLessThan(60);
    const resumed = await run('pretrain', '--resume', killed);
    expect(resumed.code).toBe(0);
    const losses = (directory: string) => readLines(join(directory, 'metrics.jsonl')).map((line) => [line.step, line.loss]);
    expect(losses(killed)).toEqual(losses(whole));
    // The probes see the final encoder in inference mode: its weights and batch-norm moving statistics match too.
    const evaluation = (directory: string) => JSON.parse(readFileSync(join(directory, 'evaluation.json'), 'utf8')).results;
    expect(evaluation(killed)).toEqual(evaluation(whole));
  }, 180_000);

  it('Ctrl-C saves and exits 130; --resume finishes the run', async () => {
    const directory = join(root, 'interrupted');
    const config = join(root, 'frequent-checkpoints.json');
    writeFileSync(config, JSON.stringify({ checkpointEvery: 2, monitorEvery: 100 }));
    const bin = new URL('../src/bin.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--conditions=@selfsup/source', '--import', 'tsx/esm', bin, 'pretrain', ...common, '--steps', '200', '--config', config, '--out', directory], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const metrics = join(directory, 'metrics.jsonl');
    while (!(existsSync(metrics) && readFileSync(metrics, 'utf8').split('\n').length > 4)) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toContain(`Continue with: selfsup pretrain --resume ${directory}`);
    expect(code).toBe(130);
    const stopped = readLines(metrics).length;
    expect(stopped).toBeLessThan(200);
    const resumed = await run('pretrain', '--resume', directory);
    expect(resumed.err).toEqual([]);
    expect(resumed.code).toBe(0);
    expect(readLines(metrics).map((line) => line.step)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  }, 180_000);
});
