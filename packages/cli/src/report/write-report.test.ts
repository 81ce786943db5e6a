import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunFileError } from './run-file-error.js';
import { writeReport } from './write-report.js';

describe('writeReport', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'selfsup-write-report-'));
    await writeFile(join(directory, 'config.json'), '{"method":"simclr","dataset":"mnist"}');
    await writeFile(join(directory, 'metrics.jsonl'), '{"step":1,"loss":2}\n{"step":2,"loss":1.5}\n');
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes report.html and leaves no temporary file', async () => {
    const path = await writeReport(directory);
    expect(path).toBe(join(directory, 'report.html'));
    const html = await readFile(path, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>selfsup report: simclr on mnist</title>');
    expect((await readdir(directory)).sort()).toEqual(['config.json', 'metrics.jsonl', 'report.html']);
  });

  it('keeps the previous report when the run cannot be read', async () => {
    const before = await readFile(join(directory, 'report.html'), 'utf8');
    await writeFile(join(directory, 'metrics.jsonl'), '{"step":1,"loss":2}\nnot json\n');
    await expect(writeReport(directory)).rejects.toThrow(RunFileError);
    expect(await readFile(join(directory, 'report.html'), 'utf8')).toBe(before);
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
