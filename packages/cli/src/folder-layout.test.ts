import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertOneFolderLayout } from './folder-layout.js';
import { UsageError } from './usage-error.js';

describe('assertOneFolderLayout', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-layout-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const make = (name: string, files: string[]) => {
    const folder = join(root, name);
    for (const file of files) {
      mkdirSync(join(folder, file, '..'), { recursive: true });
      writeFileSync(join(folder, file), '');
    }
    return folder;
  };

  it('accepts class folders alone, images alone, and images beside folders that hold no image', async () => {
    await assertOneFolderLayout(make('classes', ['cat/1.png', 'dog/2.jpg']), 'classes');
    await assertOneFolderLayout(make('flat', ['1.png', '2.webp']), 'flat');
    await assertOneFolderLayout(make('flat-with-notes', ['1.png', 'notes/readme.txt', '.thumbnails/1.png']), 'flat-with-notes');
  });

  it('refuses class folders mixed with loose images, naming both (the first three of each)', async () => {
    const one = make('one-stray', ['cat/1.png', 'dog/2.png', 'stray.PNG', 'notes.txt']);
    await expect(assertOneFolderLayout(one, 'one-stray')).rejects.toThrow(UsageError);
    await expect(assertOneFolderLayout(one, 'one-stray')).rejects.toThrow(
      "dataset 'one-stray' has class sub-folders (cat, dog) and also an image directly in it (stray.PNG), so it is neither labelled nor flat: move that file into a class folder or out of 'one-stray'",
    );
    const many = make('many', ['a/1.png', 'b/1.png', 'c/1.png', 'd/1.png', 'w.png', 'x.png', 'y.png', 'z.png']);
    await expect(assertOneFolderLayout(many, 'many')).rejects.toThrow(
      "dataset 'many' has class sub-folders (a, b, c and 1 more) and also 4 images directly in it (w.png, x.png, y.png and 1 more), so it is neither labelled nor flat: move those files into a class folder or out of 'many'",
    );
  });

  it('counts symlinked images and class folders as what they lead to, and a symlink cycle as nothing', async () => {
    const store = make('store', ['cat/1.png', 'dog.png']);
    const linked = make('linked', ['notes.txt']);
    symlinkSync(join(store, 'cat'), join(linked, 'cat'));
    symlinkSync('.', join(linked, 'loop'));
    await assertOneFolderLayout(linked, 'linked');
    symlinkSync(join(store, 'dog.png'), join(linked, 'dog.png'));
    await expect(assertOneFolderLayout(linked, 'linked')).rejects.toThrow(
      "dataset 'linked' has class sub-folders (cat) and also an image directly in it (dog.png)",
    );
  });
});
