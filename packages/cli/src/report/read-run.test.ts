import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun } from './read-run.js';
import { RunFileError } from './run-file-error.js';

const CONFIG = JSON.stringify({ method: 'simclr', dataset: 'mnist' });
const METRICS = ['{"step":1,"epoch":0,"loss":4.2,"learningRate":0.001}', '{"step":2,"epoch":0,"loss":4.0,"learningRate":0.002}'].join('\n');

describe('readRun', () => {
  let root: string;
  let count = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'selfsup-read-run-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function runDirectory(files: Record<string, string | Buffer>): Promise<string> {
    const directory = join(root, `run-${count++}`);
    await mkdir(directory);
    for (const [name, content] of Object.entries(files)) await writeFile(join(directory, name), content);
    return directory;
  }

  async function failure(directory: string): Promise<RunFileError> {
    const error = await readRun(directory).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunFileError);
    return error as RunFileError;
  }

  it('reads a run with only config.json and metrics.jsonl, the optional files as null', async () => {
    const directory = await runDirectory({ 'config.json': CONFIG, 'metrics.jsonl': `${METRICS}\n` });
    const run = await readRun(directory);
    expect(run.directory).toBe(directory);
    expect(run.config).toEqual({ method: 'simclr', dataset: 'mnist' });
    expect(run.metrics.map((record) => record.loss)).toEqual([4.2, 4.0]);
    expect([run.evaluation, run.projection, run.augmentedViews]).toEqual([null, null, null]);
  });

  it('reads the raw-pixel baseline of evaluation.json, and an older file without it as null', async () => {
    const base = { 'config.json': CONFIG, 'metrics.jsonl': METRICS };
    const results = { pretrained: { linear: 0.9, knn: 0.8 }, randomInit: { linear: 0.5, knn: 0.4 } };
    const old = await readRun(await runDirectory({ ...base, 'evaluation.json': JSON.stringify({ probeTrainCount: 100, results }) }));
    expect(old.evaluation?.results).toEqual({ ...results, rawPixels: null });
    const rawPixels = { linear: 0.85, knn: 0.7 };
    const current = await readRun(await runDirectory({ ...base, 'evaluation.json': JSON.stringify({ results: { ...results, rawPixels } }) }));
    expect(current.evaluation?.results.rawPixels).toEqual(rawPixels);
    const malformed = await runDirectory({ ...base, 'evaluation.json': JSON.stringify({ results: { ...results, rawPixels: { linear: 0.85 } } }) });
    expect((await failure(malformed)).message).toMatch(/evaluation\.json: 'results\.rawPixels\.knn' must be a number/);
  });

  it('names a missing directory, or a file given as the directory', async () => {
    const missing = join(root, 'no-such-run');
    const error = await failure(missing);
    expect(error.message).toBe(`run directory not found: ${missing}`);
    expect(error.file).toBe(missing);
    const file = join(await runDirectory({ 'config.json': CONFIG }), 'config.json');
    expect((await failure(file)).message).toMatch(/^not a run directory \(a file, not a folder\): .*config\.json$/);
  });

  it('names a missing config.json or metrics.jsonl', async () => {
    const withoutMetrics = await runDirectory({ 'config.json': CONFIG });
    const error = await failure(withoutMetrics);
    expect(error.message).toBe(`${join(withoutMetrics, 'metrics.jsonl')}: missing; is ${withoutMetrics} a selfsup run directory?`);
    expect(error.file).toBe(join(withoutMetrics, 'metrics.jsonl'));
    const withoutConfig = await runDirectory({ 'metrics.jsonl': METRICS });
    expect((await failure(withoutConfig)).message).toMatch(/config\.json: missing/);
  });

  it('names the file and the line of a malformed metrics line', async () => {
    const directory = await runDirectory({ 'config.json': CONFIG, 'metrics.jsonl': `${METRICS}\n\n{"step":4,"loss":3.9,\n` });
    const error = await failure(directory);
    expect(error.message).toMatch(/^.*metrics\.jsonl:4: not valid JSON \(.+\): \{"step":4,"loss":3\.9,$/);
    expect([error.file, error.line]).toEqual([join(directory, 'metrics.jsonl'), 4]);
    const wrongType = await runDirectory({ 'config.json': CONFIG, 'metrics.jsonl': `${METRICS}\n{"step":"3","loss":1}` });
    expect((await failure(wrongType)).message).toMatch(/metrics\.jsonl:3: 'step' must be a number, got "3"$/);
  });

  it('names the file and the field of a malformed optional file', async () => {
    const base = { 'config.json': CONFIG, 'metrics.jsonl': METRICS };
    const results = { pretrained: { linear: 0.9, knn: 1.2 }, randomInit: { linear: 0.5, knn: 0.5 } };
    const evaluation = await runDirectory({ ...base, 'evaluation.json': JSON.stringify({ results }) });
    expect((await failure(evaluation)).message).toMatch(/evaluation\.json: 'results\.pretrained\.knn' must be in \[0, 1\], got 1\.2$/);
    const projection = await runDirectory({
      ...base,
      'projection.json': JSON.stringify({ labels: [0, 3], classes: ['a', 'b'], embeddings: [[1], [2]] }),
    });
    expect((await failure(projection)).message).toMatch(/projection\.json: 'labels\[1\]' must be an integer in \[0, 1\], got 3$/);
    const image = await runDirectory({ ...base, 'augmented-views.png': 'GIF89a' });
    expect((await failure(image)).message).toMatch(/augmented-views\.png: not a PNG image$/);
    const config = await runDirectory({ ...base, 'config.json': '[1, 2]' });
    expect((await failure(config)).message).toMatch(/config\.json: expected a JSON object, got \[1,2\]$/);
  });
});
