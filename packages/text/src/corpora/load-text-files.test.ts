import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';
import { loadTextFiles } from './load-text-files.js';
import { SkippedTextFiles } from './skipped-text-files.js';
import { TextFileError } from './text-file-error.js';

const folder = mkdtempSync(join(tmpdir(), 'selfsup-text-files-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
mkdirSync(join(folder, 'part'));
writeFileSync(join(folder, 'a.txt'), '\ufeffCall me Ishmael.\n');
writeFileSync(join(folder, 'part', 'b.txt'), 'Naïve café — 鯨');
writeFileSync(join(folder, 'empty.txt'), '');
writeFileSync(join(folder, 'blank.txt'), ' \n\t\n');
writeFileSync(join(folder, 'image.txt'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0));
writeFileSync(join(folder, 'latin1.txt'), Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x20, 0x21)); // 'café !' in Latin-1
writeFileSync(join(folder, 'notes.md'), 'not read');

describe('decodeText', () => {
  it('decodes strict UTF-8 without the byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode('\ufeffwhale 🐳'), 'x.txt')).toBe('whale 🐳');
  });

  it('names the file and why: empty, binary, not UTF-8', () => {
    expect(() => decodeText(new Uint8Array(0), 'e.txt')).toThrow('e.txt: empty');
    expect(() => decodeText(Uint8Array.of(0x41, 0, 0x42), 'b.txt')).toThrow('b.txt: binary (a NUL byte at offset 1)');
    expect(() => decodeText(Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x20), 'l.txt')).toThrow('l.txt: not UTF-8 (an invalid byte sequence at offset 3)');
  });
});

describe('loadTextFiles', () => {
  it('reads the .txt files of a folder and its sub-folders, skipping unusable ones with one warning each', async () => {
    const warnings: string[] = [];
    const skipped = new SkippedTextFiles({ warn: (line) => warnings.push(line) });
    const documents = await loadTextFiles(folder, { skipped });
    expect(documents).toEqual([
      { id: 'a.txt', text: 'Call me Ishmael.\n' },
      { id: join('part', 'b.txt'), text: 'Naïve café — 鯨' },
    ]);
    expect(skipped.files.map((file) => file.slice(folder.length + 1))).toEqual(['blank.txt', 'empty.txt', 'image.txt', 'latin1.txt']);
    expect(warnings).toEqual([
      `selfsup: skipping ${join(folder, 'blank.txt')}: empty (only whitespace)`,
      `selfsup: skipping ${join(folder, 'empty.txt')}: empty`,
      `selfsup: skipping ${join(folder, 'image.txt')}: binary (a NUL byte at offset 8)`,
      `selfsup: skipping ${join(folder, 'latin1.txt')}: not UTF-8 (an invalid byte sequence at offset 3)`,
    ]);
  });

  it('with strict, throws a TextFileError naming the first unusable file', async () => {
    const error = await loadTextFiles(folder, { strict: true }).catch((e) => e);
    expect(error).toBeInstanceOf(TextFileError);
    expect(error.message).toBe(`${join(folder, 'blank.txt')}: empty (only whitespace)`);
  });

  it('reads a single file as one document, and other extensions when asked', async () => {
    expect(await loadTextFiles(join(folder, 'a.txt'))).toEqual([{ id: 'a.txt', text: 'Call me Ishmael.\n' }]);
    expect((await loadTextFiles(folder, { extensions: ['.md'] })).map((d) => d.id)).toEqual(['notes.md']);
    await expect(loadTextFiles(join(folder, 'image.txt'))).rejects.toThrow('image.txt: binary');
    await expect(loadTextFiles(join(folder, 'missing'))).rejects.toThrow(`loadTextFiles: ${join(folder, 'missing')} does not exist`);
  });
});
