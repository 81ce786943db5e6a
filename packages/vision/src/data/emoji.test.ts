import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOJI_EXCLUDED_CATEGORIES, type EmojiImages, loadEmoji } from './emoji.js';

describe('loadEmoji (emoji-datasource-google)', () => {
  let few: EmojiImages;
  let scratch: string;
  beforeAll(async () => {
    few = await loadEmoji({ limit: 60 });
    scratch = await mkdtemp(join(tmpdir(), 'selfsup-emoji-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('loads a limited subset as uint8 RGB, 32x32 by default, spread over every category', () => {
    expect(few).toMatchObject({ count: 60, height: 32, width: 32, channels: 3 });
    expect(few.pixels).toBeInstanceOf(Uint8Array);
    expect(few.pixels.length).toBe(60 * 32 * 32 * 3);
    expect(few.classes).toEqual([...few.classes].sort());
    expect(few.classes).toHaveLength(9);
    for (const excluded of EMOJI_EXCLUDED_CATEGORIES) expect(few.classes).not.toContain(excluded);
    expect(few.labels.every((l) => l >= 0 && l < few.classes.length)).toBe(true);
    expect(new Set(few.labels).size).toBe(9);
    expect([few.names.length, few.subcategories.length, few.files.length]).toEqual([60, 60, 60]);
    expect(few.names[0]).toBe('grinning face');
    expect(few.classes[few.labels[0]]).toBe('Smileys & Emotion');
  });

  it('gives the same images, labels and order on every load', async () => {
    const again = await loadEmoji({ limit: 60 });
    expect(Buffer.from(again.pixels).equals(Buffer.from(few.pixels))).toBe(true);
    expect(again.labels).toEqual(few.labels);
    expect(again.files).toEqual(few.files);
  });

  it('composites over white: every transparent pixel of the PNG is 255, 255, 255', async () => {
    const full = await loadEmoji({ size: 64, limit: 6 });
    for (let n = 0; n < full.count; n++) {
      const { data: rgba } = await sharp(full.files[n]).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      let transparent = 0;
      for (let p = 0; p < 64 * 64; p++) {
        if (rgba[4 * p + 3] !== 0) continue;
        transparent++;
        const base = (n * 64 * 64 + p) * 3;
        expect([full.pixels[base], full.pixels[base + 1], full.pixels[base + 2]]).toEqual([255, 255, 255]);
      }
      expect(transparent).toBeGreaterThan(0);
    }
  });

  it('skips entries without a Google image, and names a corrupt PNG', async () => {
    const images = join(scratch, 'img', 'google', '64');
    await mkdir(images, { recursive: true });
    await copyFile(few.files[0], join(images, 'good.png'));
    await writeFile(join(images, 'bad.png'), 'not a png');
    const entry = { name: 'X', category: 'Objects', subcategory: 'tool', has_img_google: true };
    const list = (bad: boolean) => [
      { ...entry, image: 'good.png', sort_order: 2 },
      { ...entry, image: 'missing.png', sort_order: 1, has_img_google: false },
      { ...entry, image: bad ? 'bad.png' : 'missing.png', sort_order: 3, has_img_google: bad },
      { ...entry, image: 'good.png', sort_order: 4, category: 'Component' },
    ];
    await writeFile(join(scratch, 'emoji.json'), JSON.stringify(list(false)));
    const one = await loadEmoji({ directory: scratch, size: 8 });
    expect([one.count, one.classes]).toEqual([1, ['Objects']]);
    await writeFile(join(scratch, 'emoji.json'), JSON.stringify(list(true)));
    await expect(loadEmoji({ directory: scratch, size: 8 })).rejects.toThrow(/loadEmoji: cannot decode .*bad\.png/);
  });

  it('says how to install the package when the directory is wrong, and checks its options', async () => {
    await expect(loadEmoji({ directory: join(scratch, 'nowhere') })).rejects.toThrow(
      /loadEmoji: cannot read .*nowhere.*emoji\.json.*npm install emoji-datasource-google/,
    );
    await expect(loadEmoji({ size: 0 })).rejects.toThrow('loadEmoji: options.size must be a positive integer, got 0');
    await expect(loadEmoji({ limit: 1.5 })).rejects.toThrow('loadEmoji: options.limit must be a positive integer, got 1.5');
  });
});
