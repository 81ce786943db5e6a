import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WordVectors } from './word-vectors.js';
import { loadWord2VecFormat, saveWord2VecFormat } from './word2vec-files.js';

describe('saveWord2VecFormat / loadWord2VecFormat', () => {
  const folder = mkdtempSync(join(tmpdir(), 'selfsup-word2vec-files-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const vectors = new WordVectors(['sea', 'ship'], 3, Float32Array.of(0.1, -2, 3e-8, 4, 5.5, -0.25));

  it('round-trips text and binary files, creating the folder', async () => {
    for (const binary of [false, true]) {
      const file = join(folder, binary ? 'nested/vectors.bin' : 'nested/vectors.txt');
      await saveWord2VecFormat(file, vectors, { binary });
      const back = await loadWord2VecFormat(file, { binary });
      expect(back.words).toEqual(vectors.words);
      expect(back.data).toEqual(vectors.data);
    }
  });

  it('names the file in its errors', async () => {
    const missing = join(folder, 'missing.txt');
    await expect(loadWord2VecFormat(missing)).rejects.toThrow(`loadWord2VecFormat: cannot read ${missing}`);
    const broken = join(folder, 'broken.txt');
    writeFileSync(broken, '2 3\nsea 1 2 3\nship 1 2\n');
    await expect(loadWord2VecFormat(broken)).rejects.toThrow(`parseWord2VecText: ${broken} line 3 has 2 numbers after 'ship', expected 3`);
    await expect(loadWord2VecFormat(broken, { binary: true })).rejects.toThrow(
      `parseWord2VecBinary: ${broken} has an empty word at byte 20, in vector 2 of the header's 2`,
    );
    await expect(saveWord2VecFormat(join(folder, 'x.txt'), {} as WordVectors)).rejects.toThrow(
      'saveWord2VecFormat: vectors must be WordVectors (model.vectors), got object',
    );
  });
});
