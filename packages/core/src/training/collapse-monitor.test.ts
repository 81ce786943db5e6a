import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyMethod } from '../../test/fixtures/toy-contrastive-method.js';
import { extractEmbeddings } from '../evaluation/extract-embeddings.js';
import { useBackend } from '../testing/index.js';
import { collapseMonitor } from './collapse-monitor.js';
import { fileRunStore } from './file-run-store.js';
import { train } from './trainer.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-collapse-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('collapseMonitor', () => {
  beforeAll(() => useBackend('cpu'));

  it('warns once when embeddings collapse, and again only after a recovery', async () => {
    const warnings: string[] = [];
    let collapsed = true;
    const monitor = collapseMonitor({
      embed: () =>
        tf.tidy(() =>
          collapsed ? (tf.add(tf.ones([64, 16]), tf.randomNormal([64, 16], 0, 1e-4)) as tf.Tensor2D) : (tf.randomNormal([64, 16]) as tf.Tensor2D),
        ),
      warn: (message) => warnings.push(message),
    });
    const first = await monitor.run(100);
    await monitor.run(200);
    expect(first.collapsed).toBe(1);
    expect(first.meanDimensionStd).toBeLessThan(0.1 / 4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/step 100: .*collapsed/);
    collapsed = false;
    const healthy = await monitor.run(300);
    expect(healthy.collapsed).toBe(0);
    expect(healthy.meanDimensionStd).toBeGreaterThan(0.2);
    expect(healthy.healthyStd).toBeCloseTo(0.25, 6);
    collapsed = true;
    await monitor.run(400);
    expect(warnings).toHaveLength(2);
    expect(await leakedTensorsAsync(() => monitor.run(500))).toBe(0);
  });

  it('logs its figures to metrics.jsonl during training', async () => {
    const toy = toyMethod(5);
    const probe = tf.randomNormal([32, 6]);
    const directory = join(scratch, 'run');
    await train({
      method: toy.method,
      data: toy.source,
      optimizer: tf.train.adam(0.01),
      steps: 10,
      store: fileRunStore(directory),
      evaluate: collapseMonitor({ embed: () => extractEmbeddings(toy.encoder, probe), every: 5, warn: () => {} }),
    });
    const lines = readFileSync(join(directory, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.evaluation).map((l) => l.step)).toEqual([5, 10]);
    expect(Object.keys(lines[4].evaluation).sort()).toEqual(['collapsed', 'effectiveRank', 'healthyStd', 'meanDimensionStd']);
    probe.dispose();
    toy.dispose();
  });
});

async function leakedTensorsAsync(fn: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  await fn();
  return tf.memory().numTensors - before;
}
