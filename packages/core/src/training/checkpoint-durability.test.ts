import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../testing/index.js';

/** Every fsync and rename, in order. */
const events: string[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        events.push(`sync ${String(args[0])}`);
        return sync();
      };
      return handle;
    },
    rename: async (from: string, to: string) => {
      events.push(`rename ${from} -> ${to}`);
      return actual.rename(from, to);
    },
  };
});

const { writeCheckpoint } = await import('./checkpoint.js');

describe('writeCheckpoint on disk', () => {
  let directory: string;
  beforeAll(async () => {
    useBackend('cpu');
    directory = await mkdtemp(join(tmpdir(), 'selfsup-durable-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('fsyncs every file and every folder before the checkpoint folder is renamed into place, and the parent after', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    const contents = {
      trainer: { step: 7 },
      models: { encoder: model },
      tensors: { variables: [{ name: 'v', tensor: tf.ones([2]) }], optimizer: [{ name: 'v/m', tensor: tf.zeros([2]) }] },
      json: {},
    };
    events.length = 0;
    const path = await writeCheckpoint(directory, 7, contents);
    model.dispose();
    const placed = events.findIndex((event) => event.startsWith('rename ') && event.endsWith(` -> ${path}`));
    expect(placed).toBeGreaterThan(0);
    const temporary = events[placed].slice('rename '.length).split(' -> ')[0];
    const before = events.slice(0, placed);
    const files = [
      'trainer.json',
      'state.json',
      'models/encoder/model.json',
      'models/encoder/weights.bin',
      'models/encoder/weights.json',
      'variables.json',
      'variables.bin',
      'optimizer.json',
      'optimizer.bin',
      'manifest.json',
    ];
    for (const file of files) {
      // writeFileAtomically: the file's bytes are synced under a temporary name, renamed, then its folder synced.
      const synced = before.findIndex((event) => event.startsWith(`sync ${join(temporary, file)}.tmp-`));
      const renamed = before.findIndex((event) => event.startsWith(`rename ${join(temporary, file)}.tmp-`));
      expect(synced, file).toBeGreaterThanOrEqual(0);
      expect(renamed, file).toBeGreaterThan(synced);
    }
    for (const folder of [temporary, join(temporary, 'models'), join(temporary, 'models/encoder')]) {
      expect(before, relative(directory, folder)).toContain(`sync ${folder}`);
    }
    // The manifest is the last file written: a folder that has one is complete.
    const manifest = before.findIndex((event) => event.startsWith(`rename ${join(temporary, 'manifest.json')}.tmp-`));
    expect(before.slice(manifest + 1).filter((event) => event.startsWith('rename '))).toEqual([]);
    expect(events.slice(placed + 1)[0]).toBe(`sync ${directory}`);
    const latest = events.findIndex((event) => event.startsWith(`rename ${join(directory, 'latest.json')}.tmp-`));
    expect(latest).toBeGreaterThan(placed);
  });
});
