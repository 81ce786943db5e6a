import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintDifferences, folderFingerprint } from './dataset-fingerprint.js';

const folder = (root: string, names: string[], classes = ['cat', 'dog']) =>
  folderFingerprint({ root, files: names.map((name) => join(root, name)), classes, train: names.length - 1, test: 1 });

describe('folderFingerprint and fingerprintDifferences', () => {
  it('hashes the sorted relative file list, whatever the folder and the order of the files', () => {
    const here = folder('/data/pets', ['dog/2.png', 'cat/1.png']);
    const there = folder('/mnt/copy/pets', ['cat/1.png', 'dog/2.png']);
    expect(here).toMatchObject({ name: 'folder', path: '/data/pets', files: 2, train: 1, test: 1, classes: ['cat', 'dog'] });
    expect(here.fileListSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(there.fileListSha256).toBe(here.fileListSha256);
    // The same files from another place are the same data.
    expect(fingerprintDifferences(here, there)).toEqual([]);
  });

  it('names each difference: classes, counts, file names', () => {
    const stored = folder('/data/pets', ['cat/1.png', 'cat/2.png', 'dog/3.png']);
    expect(fingerprintDifferences(stored, folder('/data/pets', ['cat/1.png', 'cat/2.png', 'dog/4.png']))).toEqual([
      'other file names (the SHA-256 of the sorted file list differs)',
    ]);
    expect(fingerprintDifferences(stored, folder('/other', ['bird/1.png', 'bird/2.png'], ['bird']))).toEqual([
      'classes bird (before: cat, dog)',
      '2 images (before: 3)',
      'other file names (the SHA-256 of the sorted file list differs)',
    ]);
    const builtIn = { name: 'mnist', path: null, files: 70_000, train: 60_000, test: 10_000, classes: ['0', '1'], fileListSha256: null };
    expect(fingerprintDifferences(builtIn, { ...builtIn })).toEqual([]);
    expect(fingerprintDifferences(builtIn, { ...builtIn, name: 'emoji', files: 100, train: 80, test: 20 })).toEqual([
      'dataset emoji (before: mnist)',
      '100 images (before: 70000)',
    ]);
  });
});
