import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageDecodeError } from './image-decode-error.js';
import { imageFolderSource } from './image-folder-source.js';
import { scanImageFolder } from './image-folder.js';
import { loadImageRows } from './load-image-rows.js';
import { SkippedImages } from './skipped-images.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-image-rows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A grey PNG of one level, 16x16, so that each row's pixels say which file they came from. */
const grey = (path: string, level: number) =>
  sharp(Buffer.alloc(16 * 16, level), { raw: { width: 16, height: 16, channels: 1 } })
    .png()
    .toFile(path);

/** A real PNG written by sharp, then cut in half: its header is valid (it passes a header check), its data is not. */
async function truncatedPng(path: string): Promise<void> {
  const noise = Buffer.from(Array.from({ length: 32 * 32 * 3 }, (_, i) => (i * 7919) % 251));
  await sharp(noise, { raw: { width: 32, height: 32, channels: 3 } })
    .png()
    .toFile(path);
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

describe('loadImageRows: a file that does not decode never escapes the loader', () => {
  const folder = join(scratch, 'digits');
  // Classes 'one' (c, d) and 'zero' (a, b); c is the truncated PNG.
  const files = ['zero/a.png', 'zero/b.png', 'one/c.png', 'one/d.png'].map((name) => join(folder, name));
  const options = { size: [8, 8] as [number, number], channels: 1 as const };
  const levelOf = (images: { data: Float32Array }, n: number) => Math.round(images.data[n * 64] * 255);

  beforeAll(async () => {
    mkdirSync(join(folder, 'zero'), { recursive: true });
    mkdirSync(join(folder, 'one'), { recursive: true });
    await grey(files[0], 10);
    await grey(files[1], 20);
    await truncatedPng(files[2]);
    await grey(files[3], 40);
  });

  it('the truncated PNG passes the header check, then is skipped with one warning naming it, however often it is met', async () => {
    const scanned = await scanImageFolder(folder, { unreadable: 'error' });
    expect([...scanned.files].sort()).toEqual([...files].sort());
    const warnings: string[] = [];
    const skipped = new SkippedImages({ warn: (line) => warnings.push(line) });
    const first = await loadImageRows(files, [0, 2, 3], { ...options, skipped });
    expect(first.rows).toEqual([0, 3]);
    expect([first.images.batch, levelOf(first.images, 0), levelOf(first.images, 1)]).toEqual([2, 10, 40]);
    const again = await loadImageRows(files, [2, 1], { ...options, skipped });
    expect(again.rows).toEqual([1]);
    expect(skipped.count).toBe(1);
    expect(skipped.files).toEqual([files[2]]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^selfsup: skipping ${files[2].replace(/[.]/g, '\\.')}: it does not decode \\(.+\\)$`));
  });

  it("refill: the next row that decodes takes the failed one's place, so the batch keeps its size", async () => {
    const skipped = new SkippedImages({ warn: () => {} });
    const batch = await loadImageRows(files, [2, 0, 1], { ...options, skipped, refill: true });
    expect(batch.rows).toEqual([3, 0, 1]);
    expect([0, 1, 2].map((n) => levelOf(batch.images, n))).toEqual([40, 10, 20]);
    await expect(loadImageRows([files[2]], [0], { ...options, refill: true, skipped: new SkippedImages({ warn: () => {} }) })).rejects.toThrow(
      /none of the 1 images decodes/,
    );
  });

  it('strict: the batch fails with an ImageDecodeError naming the file, after every decode has settled', async () => {
    const skipped = new SkippedImages({ strict: true });
    const failure = await loadImageRows(files, [0, 1, 2, 3], { ...options, skipped }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImageDecodeError);
    expect((failure as ImageDecodeError).file).toBe(files[2]);
    expect((failure as Error).message).toMatch(/^loadImage: cannot decode .*one\/c\.png \(.+\); expected a PNG, JPEG or WebP image$/);
    expect(skipped.count).toBe(0);
  });

  it('bad options are errors, not skipped files', async () => {
    await expect(loadImageRows(files, [0], { size: [0, 8], channels: 1 })).rejects.toThrow(/size must be \[height, width\] of positive integers/);
    await expect(loadImageRows(files, [7], options)).rejects.toThrow(/row 7 is outside the 4 files/);
  });

  it('imageFolderSource trains past the file: full batches, labels of the rows loaded, one warning, every prefetch awaited', async () => {
    const scanned = await scanImageFolder(folder);
    const warnings: string[] = [];
    const skipped = new SkippedImages({ warn: (line) => warnings.push(line) });
    const source = imageFolderSource(scanned, { size: [8, 8], channels: 1, batchSize: 2, prefetch: 2, skipped });
    for (const epoch of [0, 1, 2]) {
      for await (const batch of source.epoch({ epoch, seed: 3, startBatch: 0 })) {
        expect(batch.images.batch).toBe(2);
        for (let n = 0; n < 2; n++) {
          const level = levelOf(batch.images, n);
          expect(batch.labels![n]).toBe(level === 40 ? 0 : 1);
        }
      }
    }
    expect(warnings).toHaveLength(1);
    expect(skipped.count).toBe(1);
  });
});
