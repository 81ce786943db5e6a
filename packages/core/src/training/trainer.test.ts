import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyMethod } from '../../test/fixtures/toy-contrastive-method.js';
import { AdamW } from '../optimizers/adamw.js';
import { warmupCosineSchedule } from '../schedules/warmup-cosine-schedule.js';
import { useBackend } from '../testing/index.js';
import { readLatestCheckpoint } from './checkpoint.js';
import { fileRunStore } from './file-run-store.js';
import { train } from './trainer.js';
import { TrainingDivergedError } from './training-errors.js';

const packageRoot = new URL('../..', import.meta.url).pathname;
const fixture = join(packageRoot, 'test/fixtures/resumable-run.ts');
const scratch = mkdtempSync(join(tmpdir(), 'selfsup-trainer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lossCurve = (directory: string) =>
  readFileSync(join(directory, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { step: number; loss: number });

function runFixture(
  directory: string,
  steps: number,
  delayMs = 0,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', fixture, directory, String(steps), '7', String(delayMs)], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, done };
}

async function waitForLines(file: string, lines: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (existsSync(file) && readFileSync(file, 'utf8').trim().split('\n').length >= lines) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${lines} lines in ${file}`);
}

describe('train', () => {
  beforeAll(() => useBackend('cpu'));

  it('gives the same loss curve for the same seed, and learns', async () => {
    const run = async () => {
      const toy = toyMethod(3);
      const result = await train({ method: toy.method, data: toy.source, optimizer: tf.train.adam(0.01), steps: 30, seed: 3 });
      toy.dispose();
      return result.losses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(first.slice(-5))).toBeLessThan(mean(first.slice(0, 5)));
  });

  it('leaks no tensors over 500 steps with a momentum encoder, a memory bank and checkpoints', async () => {
    const toy = toyMethod(1);
    const optimizer = new AdamW({ learningRate: 0.01 });
    await train({ method: toy.method, data: toy.source, optimizer, steps: 5, seed: 1 }); // creates the optimizer slots
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await train({
      method: toy.method,
      data: toy.source,
      optimizer,
      steps: 500,
      seed: 1,
      store: fileRunStore(join(scratch, 'leaks')),
      checkpointEvery: 50,
      clipGradientNorm: 1,
      schedule: warmupCosineSchedule({ baseValue: 0.01, totalSteps: 500, warmupSteps: 50 }),
      // Sampled at the same position in every epoch (6 batches each), so prefetching looks the same.
      callbacks: [{ onStep: (r) => void (r.step % 60 === 0 && counts.push(tf.memory().numTensors)) }],
    });
    expect(counts).toHaveLength(9);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    toy.dispose();
    optimizer.dispose();
  });

  it('stops on a NaN loss, naming the step, the terms and the last good checkpoint', async () => {
    const directory = join(scratch, 'nan');
    const toy = toyMethod(2, { nanAtStep: 7 });
    const run = train({
      method: toy.method,
      data: toy.source,
      optimizer: tf.train.adam(0.01),
      steps: 20,
      store: fileRunStore(directory),
      checkpointEvery: 5,
    });
    await expect(run).rejects.toThrow(TrainingDivergedError);
    await expect(run).rejects.toThrow(/loss is NaN at step 7 \(terms: infoNce=NaN\); the last good checkpoint is .*step-00000005/);
    toy.dispose();
  });

  it('writes checkpoints with the model in the layers format, the optimizer slots and the method state', async () => {
    const directory = join(scratch, 'checkpoint');
    const toy = toyMethod(4);
    await train({
      method: toy.method,
      data: toy.source,
      optimizer: tf.train.adam(0.01),
      steps: 10,
      store: fileRunStore(directory),
      checkpointEvery: 5,
    });
    const checkpoint = (await readLatestCheckpoint(join(directory, 'checkpoints')))!;
    expect(checkpoint.trainer).toMatchObject({ step: 10, epoch: 1, batchInEpoch: 4, seed: 0 });
    expect(Object.keys(checkpoint.tensors).sort()).toEqual(['method', 'optimizer', 'variables']);
    // The saved model.json + weights.bin load with tf.loadLayersModel and predict like the trained encoder.
    const modelDirectory = join(checkpoint.directory, 'models/encoder');
    const modelJson = JSON.parse(readFileSync(join(modelDirectory, 'model.json'), 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual(['./weights.bin']);
    const weightData = new Uint8Array(readFileSync(join(modelDirectory, 'weights.bin'))).buffer;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData }),
    );
    const x = tf.randomNormal([3, 6]);
    const [a, b] = [loaded.predict(x) as tf.Tensor, toy.encoder.predict(x) as tf.Tensor];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(lossCurve(directory)).toHaveLength(10);
    tf.dispose([x, a, b]);
    // With a schedule, each step's learning rate is the schedule's and is logged.
    const scheduled = join(scratch, 'scheduled');
    const schedule = warmupCosineSchedule({ baseValue: 0.02, totalSteps: 6, warmupSteps: 2 });
    await train({ method: toy.method, data: toy.source, optimizer: new AdamW(), steps: 6, schedule, store: fileRunStore(scheduled) });
    expect(lossCurve(scheduled).map((l) => (l as unknown as { learningRate: number }).learningRate)).toEqual(
      [0, 1, 2, 3, 4, 5].map((step) => schedule(step)),
    );
    loaded.dispose();
    tf.dispose(
      Object.values(checkpoint.tensors)
        .flat()
        .map((t) => t.tensor),
    );
    tf.dispose(checkpoint.models.encoder.weights.map((w) => w.tensor));
    toy.dispose();
  });

  it('resumes a run killed with SIGKILL into exactly the uninterrupted loss curve', async () => {
    const uninterrupted = join(scratch, 'uninterrupted');
    const killed = join(scratch, 'killed');
    const whole = runFixture(uninterrupted, 30);
    expect((await whole.done).code).toBe(0);

    const victim = runFixture(killed, 30, 40);
    await waitForLines(join(killed, 'metrics.jsonl'), 13); // past the checkpoint at step 10
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');
    const resumed = runFixture(killed, 30);
    const end = await resumed.done;
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('"status":"completed"');

    const expected = lossCurve(uninterrupted);
    const actual = lossCurve(killed);
    expect(actual.map((l) => l.step)).toEqual(expected.map((l) => l.step));
    actual.forEach((line, i) => {
      expect(line.loss).toBeCloseTo(expected[i].loss, 6);
    });
  }, 120_000);

  it('writes a checkpoint and stops cleanly on Ctrl-C', async () => {
    const directory = join(scratch, 'interrupted');
    const run = runFixture(directory, 1000, 30);
    await waitForLines(join(directory, 'metrics.jsonl'), 7);
    run.child.kill('SIGINT');
    const end = await run.done;
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('"status":"interrupted"');
    const steps = JSON.parse(end.stdout.trim().split('\n').pop()!).steps as number;
    const latest = JSON.parse(readFileSync(join(directory, 'checkpoints/latest.json'), 'utf8'));
    expect(latest.step).toBe(steps);
  }, 120_000);
});
