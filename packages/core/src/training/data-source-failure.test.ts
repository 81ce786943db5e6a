import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyMethod } from '../../test/fixtures/toy-contrastive-method.js';
import { AdamW } from '../optimizers/adamw.js';
import { useBackend } from '../testing/index.js';
import type { BatchSource } from './batch-loader.js';
import { fileRunStore } from './file-run-store.js';
import { train } from './trainer.js';
import { DataSourceError } from './training-errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-data-failure-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The toy source, except that batch `failAt` of epoch 0 rejects as a file that does not decode would. */
function failingAt(source: BatchSource<tf.Tensor2D>, failAt: number): BatchSource<tf.Tensor2D> {
  return {
    batchesPerEpoch: source.batchesPerEpoch,
    async *epoch(request) {
      let batch = request.startBatch;
      for await (const value of source.epoch(request)) {
        if (request.epoch === 0 && batch === failAt) {
          tf.dispose(value);
          throw new Error('loadImage: cannot decode data/cut.png (libpng read error)');
        }
        batch += 1;
        yield value;
      }
    },
  };
}

describe('train: a data source that fails', () => {
  beforeAll(() => useBackend('cpu'));

  it('saves a checkpoint of the steps done, throws a DataSourceError naming it and the cause, and resumes into the unbroken curve', async () => {
    const whole = toyMethod(5);
    const wholeRun = await train({ method: whole.method, data: whole.source, optimizer: new AdamW({ learningRate: 0.01 }), steps: 6, seed: 5 });
    whole.dispose();

    const directory = join(scratch, 'fails-at-4');
    const broken = toyMethod(5);
    const failure = await train({
      method: broken.method,
      data: failingAt(broken.source, 3),
      optimizer: new AdamW({ learningRate: 0.01 }),
      steps: 6,
      seed: 5,
      store: fileRunStore(directory),
      checkpointEvery: 100,
    }).catch((error: unknown) => error);
    broken.dispose();
    expect(failure).toBeInstanceOf(DataSourceError);
    const error = failure as DataSourceError;
    expect(error.step).toBe(3);
    expect(error.checkpoint).toMatch(/step-00000003$/);
    expect(error.message).toMatch(
      /^train: loading the batch after step 3 failed: loadImage: cannot decode data\/cut\.png \(libpng read error\); the run is saved at step 3 in .*step-00000003$/,
    );
    expect(JSON.parse(readFileSync(join(directory, 'checkpoints/latest.json'), 'utf8')).step).toBe(3);

    const resumed = toyMethod(5);
    const rest = await train({
      method: resumed.method,
      data: resumed.source,
      optimizer: new AdamW({ learningRate: 0.01 }),
      steps: 6,
      seed: 5,
      store: fileRunStore(directory),
      checkpointEvery: 100,
      resume: true,
    });
    resumed.dispose();
    expect(rest.losses).toEqual(wholeRun.losses.slice(3));
  });
});
