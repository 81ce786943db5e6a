import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toyMethod } from '../../test/fixtures/toy-contrastive-method.js';
import { useBackend } from '../testing/index.js';
import * as tf from '../tf.js';
import { fileRunStore } from './file-run-store.js';
import { RUN_LOCK_FILE, RunLockedError } from './run-lock.js';
import { train } from './trainer.js';

describe('fileRunStore: metrics.jsonl', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-run-store-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const lines = (steps: number[]) => steps.map((step) => `${JSON.stringify({ step, loss: 1 / step })}\n`).join('');

  it('truncates to the resumed step, dropping a torn last line with one warning', async () => {
    const metrics = join(root, 'metrics.jsonl');
    writeFileSync(metrics, `${lines([1, 2, 3, 4, 5])}{"step":6,"lo`);
    const warnings: string[] = [];
    const store = fileRunStore(root, { warn: (line) => warnings.push(line) });
    await store.truncateMetrics(3);
    expect(readFileSync(metrics, 'utf8')).toBe(lines([1, 2, 3]));
    expect(warnings).toEqual([`selfsup: ${metrics}: dropping its torn last line (a crash in the middle of writing it): "{\\"step\\":6,\\"lo"`]);
    // Appending goes on from a whole line.
    await store.appendMetrics({ step: 4, loss: 0.25 });
    expect(readFileSync(metrics, 'utf8')).toBe(lines([1, 2, 3, 4]));
  });

  it('names the file and line of a bad line that is not the last; a missing file is nothing to truncate', async () => {
    const directory = join(root, 'bad');
    const store = fileRunStore(directory, { warn: () => {} });
    await store.truncateMetrics(3);
    await store.appendMetrics({ step: 1, loss: 1 });
    writeFileSync(join(directory, 'metrics.jsonl'), `${lines([1])}oops\n${lines([3])}`);
    await expect(store.truncateMetrics(3)).rejects.toThrow(`${join(directory, 'metrics.jsonl')}:2: not valid JSON`);
  });
});

describe('fileRunStore: one writer (train() takes the lock)', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-run-store-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds the run directory lock while train() runs and releases it after; a directory held by another live process is refused naming it', async () => {
    await useBackend('cpu');
    const directory = join(root, 'run');
    const lockFile = join(directory, RUN_LOCK_FILE);
    const toy = toyMethod(1);
    const heldDuringSteps: boolean[] = [];
    await train({
      method: toy.method,
      data: toy.source,
      optimizer: tf.train.adam(0.01),
      steps: 2,
      store: fileRunStore(directory, { warn: () => {} }),
      callbacks: [{ onStep: () => void heldDuringSteps.push(JSON.parse(readFileSync(lockFile, 'utf8')).pid === process.pid) }],
    });
    expect(heldDuringSteps).toEqual([true, true]);
    expect(existsSync(lockFile)).toBe(false);
    // Another process on this host, alive, holds the directory: a second writer is refused before its first step.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-11-29T00:00:00.000Z', token: 'other' }));
      const refused = train({
        method: toy.method,
        data: toy.source,
        optimizer: tf.train.adam(0.01),
        steps: 2,
        store: fileRunStore(directory, { warn: () => {} }),
        resume: true,
      });
      await expect(refused).rejects.toThrow(RunLockedError);
      await expect(refused).rejects.toThrow(`is in use by another selfsup run: PID ${other.pid} on ${hostname()}`);
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(other.pid); // left to its holder
    } finally {
      other.kill();
      rmSync(lockFile, { force: true });
      toy.dispose();
    }
  });
});
