import { describe, expect, it } from 'vitest';
import { SkippedFiles, type UnusableFileError } from './skipped-files.js';

const unusable = (file: string, reason: string): UnusableFileError => Object.assign(new Error(`${file}: ${reason}`), { file, reason });

describe('SkippedFiles', () => {
  it('warns once per file, counts distinct files in order, and remembers why', () => {
    const warnings: string[] = [];
    const skipped = new SkippedFiles({ warn: (line) => warnings.push(line) });
    skipped.record(unusable('a.png', 'truncated'));
    skipped.record(unusable('b.txt', 'empty'));
    skipped.record(unusable('a.png', 'truncated'));
    expect(warnings).toEqual(['selfsup: skipping a.png: truncated', 'selfsup: skipping b.txt: empty']);
    expect([skipped.count, skipped.files, skipped.has('a.png'), skipped.has('c'), skipped.reason('b.txt')]).toEqual([
      2,
      ['a.png', 'b.txt'],
      true,
      false,
      'empty',
    ]);
  });

  it('throws the error itself when strict, recording nothing', () => {
    const skipped = new SkippedFiles({ strict: true, warn: () => {} });
    const error = unusable('a.png', 'truncated');
    expect(() => skipped.record(error)).toThrow(error);
    expect([skipped.strict, skipped.count]).toEqual([true, 0]);
  });
});
