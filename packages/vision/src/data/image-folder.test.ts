import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFolderSource } from './image-folder-source.js';
import { scanImageFolder } from './image-folder.js';
import { loadImage } from './load-image.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-images-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A solid-colour image written in the given format. */
function solid(path: string, rgb: [number, number, number], format: 'png' | 'jpeg' | 'webp', size = [12, 10]) {
  const [w, h] = size;
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) raw.set(rgb, i * 3);
  const image = sharp(raw, { raw: { width: w, height: h, channels: 3 } });
  const encoded = format === 'png' ? image.png() : format === 'jpeg' ? image.jpeg({ quality: 100 }) : image.webp({ lossless: true });
  return encoded.toFile(path);
}

describe('image folders through sharp', () => {
  const labelled = join(scratch, 'pets');
  const flat = join(scratch, 'flat');
  beforeAll(async () => {
    mkdirSync(join(labelled, 'cat'), { recursive: true });
    mkdirSync(join(labelled, 'dog'), { recursive: true });
    mkdirSync(join(labelled, 'empty'), { recursive: true });
    await solid(join(labelled, 'cat', 'b.png'), [255, 0, 0], 'png');
    await solid(join(labelled, 'cat', 'a.jpg'), [0, 255, 0], 'jpeg');
    await solid(join(labelled, 'dog', 'c.webp'), [0, 0, 255], 'webp');
    writeFileSync(join(labelled, 'dog', 'notes.txt'), 'not an image');
    mkdirSync(flat);
    await solid(join(flat, 'one.png'), [255, 255, 255], 'png');
    writeFileSync(join(flat, 'broken.png'), Buffer.from('this is not a PNG at all'));
  });

  it('lists class sub-folders as labels, sorted, ignoring other files and empty classes', async () => {
    const folder = await scanImageFolder(labelled);
    expect(folder.classes).toEqual(['cat', 'dog']);
    expect(folder.files.map((f) => f.slice(labelled.length + 1))).toEqual(['cat/a.jpg', 'cat/b.png', 'dog/c.webp']);
    expect(Array.from(folder.labels!)).toEqual([0, 0, 1]);
  });

  it('decodes PNG, JPEG and WebP to [0, 1] pixels of the requested size and channels', async () => {
    const red = await loadImage(join(labelled, 'cat', 'b.png'), { size: [4, 4], channels: 3 });
    expect(red.length).toBe(48);
    expect(Array.from(red.subarray(0, 3))).toEqual([1, 0, 0]);
    const green = await loadImage(join(labelled, 'cat', 'a.jpg'), { size: [4, 4], channels: 3 });
    expect(green[1]).toBeGreaterThan(0.95);
    expect(green[0]).toBeLessThan(0.05);
    const blueGray = await loadImage(join(labelled, 'dog', 'c.webp'), { size: [3, 5], channels: 1 });
    expect(blueGray.length).toBe(15);
    // Pure blue is dark in grayscale (libvips weighs it 0.07 in linear light, ~0.30 after gamma).
    expect(blueGray[0]).toBeGreaterThan(0.02);
    expect(blueGray[0]).toBeLessThan(0.35);
    const greenGray = await loadImage(join(labelled, 'cat', 'a.jpg'), { size: [3, 5], channels: 1 });
    expect(greenGray[0]).toBeGreaterThan(blueGray[0]);
  });

  it('names a corrupt file: when loading, when checking, or skips it with a warning', async () => {
    await expect(loadImage(join(flat, 'broken.png'), { size: [4, 4], channels: 1 })).rejects.toThrow(
      /cannot decode .*broken\.png.*expected a PNG, JPEG or WebP image/,
    );
    await expect(scanImageFolder(flat, { unreadable: 'error' })).rejects.toThrow(/broken\.png: unreadable image/);
    const warnings: string[] = [];
    const folder = await scanImageFolder(flat, { unreadable: 'skip', warn: (m) => warnings.push(m) });
    expect(folder.files.map((f) => f.slice(flat.length + 1))).toEqual(['one.png']);
    expect(folder.labels).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/skipping .*broken\.png/);
  });

  it('follows symlinked class folders and images; a symlink cycle is left out with one warning, not scanned without end', async () => {
    const store = join(scratch, 'store');
    const linked = join(scratch, 'linked');
    mkdirSync(join(store, 'cats'), { recursive: true });
    mkdirSync(join(linked, 'dog'), { recursive: true });
    await solid(join(store, 'cats', 'a.png'), [255, 0, 0], 'png');
    await solid(join(store, 'cats', 'b.png'), [250, 0, 0], 'png');
    await solid(join(store, 'dog.png'), [0, 0, 255], 'png');
    symlinkSync(join(store, 'cats'), join(linked, 'cat'));
    symlinkSync(join(store, 'dog.png'), join(linked, 'dog', 'rex.png'));
    symlinkSync('..', join(linked, 'dog', 'loop'));
    symlinkSync('.', join(linked, 'again'));
    const warnings: string[] = [];
    const folder = await scanImageFolder(linked, { unreadable: 'error', warn: (line) => warnings.push(line) });
    expect(folder.classes).toEqual(['cat', 'dog']);
    expect(folder.files).toEqual([join(linked, 'cat', 'a.png'), join(linked, 'cat', 'b.png'), join(linked, 'dog', 'rex.png')]);
    expect(Array.from(folder.labels!)).toEqual([0, 0, 1]);
    expect(warnings).toEqual([
      `selfsup: skipping ${join(linked, 'again')}: a symlink cycle (it leads back to ${linked}, which holds it)`,
      `selfsup: skipping ${join(linked, 'dog', 'loop')}: a symlink cycle (it leads back to ${linked}, which holds it)`,
    ]);
    const image = await loadImage(folder.files[2], { size: [4, 4], channels: 3 });
    expect(Array.from(image.slice(0, 3), (v) => Math.round(v * 255))).toEqual([0, 0, 255]);
  });

  it('names a missing or empty folder, and bad options', async () => {
    await expect(scanImageFolder(join(scratch, 'nowhere'))).rejects.toThrow(/cannot read the folder .*nowhere/);
    mkdirSync(join(scratch, 'nothing'));
    await expect(scanImageFolder(join(scratch, 'nothing'))).rejects.toThrow(/nothing holds no images/);
    await expect(loadImage(join(flat, 'one.png'), { size: [0, 4], channels: 1 })).rejects.toThrow(/size must be \[height, width\]/);
    await expect(loadImage(join(flat, 'one.png'), { size: [4, 4], channels: 2 as never })).rejects.toThrow(/channels must be 1 or 3/);
  });

  it('streams seeded, shuffled batches with labels', async () => {
    const folder = await scanImageFolder(labelled);
    const source = imageFolderSource(folder, { size: [4, 4], channels: 3, batchSize: 2, dropLast: false });
    const batches = [];
    for await (const batch of source.epoch({ epoch: 0, seed: 1, startBatch: 0 })) batches.push(batch);
    expect(batches.map((b) => b.images.batch)).toEqual([2, 1]);
    const labels = batches.flatMap((b) => Array.from(b.labels!)).sort();
    expect(labels).toEqual([0, 0, 1]);
    expect(batches[0].images.data.length).toBe(2 * 4 * 4 * 3);
  });
});
