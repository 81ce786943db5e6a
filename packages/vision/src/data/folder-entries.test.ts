import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFolderEntries } from './folder-entries.js';

const scratch = mkdtempSync(join(tmpdir(), 'selfsup-folder-entries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readFolderEntries: symlinks followed, with loop protection', () => {
  it('lists symlinked files and folders as what they lead to; a cycle, an ELOOP pair and a broken link are left out with one warning each', async () => {
    const elsewhere = join(scratch, 'elsewhere');
    const folder = join(scratch, 'data', 'images');
    mkdirSync(join(elsewhere, 'cats'), { recursive: true });
    mkdirSync(join(folder, 'real'), { recursive: true });
    writeFileSync(join(elsewhere, 'one.png'), 'bytes');
    writeFileSync(join(folder, 'plain.png'), 'bytes');
    symlinkSync(join(elsewhere, 'one.png'), join(folder, 'linked.png'));
    symlinkSync(join(elsewhere, 'cats'), join(folder, 'cats'));
    symlinkSync('.', join(folder, 'self'));
    symlinkSync('../..', join(folder, 'up'));
    symlinkSync('pong', join(folder, 'ping'));
    symlinkSync('ping', join(folder, 'pong'));
    symlinkSync('gone.png', join(folder, 'broken.png'));
    const warnings: string[] = [];
    const entries = await readFolderEntries(folder, { warn: (line) => warnings.push(line) });
    expect(entries.sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual([
      { name: 'cats', path: join(folder, 'cats'), kind: 'directory' },
      { name: 'linked.png', path: join(folder, 'linked.png'), kind: 'file' },
      { name: 'plain.png', path: join(folder, 'plain.png'), kind: 'file' },
      { name: 'real', path: join(folder, 'real'), kind: 'directory' },
    ]);
    expect(warnings.sort()).toEqual([
      `selfsup: skipping ${join(folder, 'broken.png')}: a broken symlink (gone.png does not exist)`,
      `selfsup: skipping ${join(folder, 'ping')}: a symlink cycle (it leads back to itself through pong)`,
      `selfsup: skipping ${join(folder, 'pong')}: a symlink cycle (it leads back to itself through ping)`,
      `selfsup: skipping ${join(folder, 'self')}: a symlink cycle (it leads back to ${folder}, which holds it)`,
      `selfsup: skipping ${join(folder, 'up')}: a symlink cycle (it leads back to ${scratch}, which holds it)`,
    ]);
  });
});
