import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRunStore } from './file-run-store.js';

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
