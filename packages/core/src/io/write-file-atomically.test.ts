import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Every fsync, in order, as the path of the file or folder synced. */
const synced: string[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        synced.push(String(args[0]));
        return sync();
      };
      return handle;
    },
  };
});

const { writeFileAtomically } = await import('./write-file-atomically.js');

describe('writeFileAtomically', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'selfsup-atomic-'));
    synced.length = 0;
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('writes text and bytes, replacing an existing file, and leaves no temporary file', async () => {
    const path = join(folder, 'run.json');
    await writeFile(path, 'old contents that are longer than the new ones');
    await writeFileAtomically(path, '{"step":3}\n');
    expect(await readFile(path, 'utf8')).toBe('{"step":3}\n');
    await writeFileAtomically(path, Uint8Array.from([1, 2, 3]));
    expect(Array.from(await readFile(path))).toEqual([1, 2, 3]);
    expect(await readdir(folder)).toEqual(['run.json']);
  });

  it('fsyncs the temporary file before the rename and the folder after it', async () => {
    const path = join(folder, 'evaluation.json');
    await writeFileAtomically(path, 'x');
    expect(synced).toHaveLength(process.platform === 'win32' ? 1 : 2);
    expect(synced[0]).toMatch(/evaluation\.json\.tmp-\d+-[0-9a-f]{8}$/);
    if (process.platform !== 'win32') expect(synced[1]).toBe(folder);
  });

  it('rejects, removes its temporary file and leaves the target alone when the rename fails', async () => {
    const path = join(folder, 'taken');
    await mkdir(join(path, 'inside'), { recursive: true }); // a non-empty folder: no file can replace it
    await expect(writeFileAtomically(path, 'x')).rejects.toThrow();
    expect((await readdir(folder)).sort()).toEqual(['taken']);
    expect(await readdir(path)).toEqual(['inside']);
  });

  it('rejects when the folder does not exist', async () => {
    await expect(writeFileAtomically(join(folder, 'missing', 'file.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(folder)).toEqual([]);
  });
});
