import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGloveText, saveGloveText } from './glove-files.js';
import { WordVectors } from '../word2vec/word-vectors.js';

describe('saveGloveText and loadGloveText', () => {
  it('write and read a vectors file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'selfsup-glove-'));
    try {
      const vectors = new WordVectors(['sea', 'ocean'], 2, Float32Array.of(0.5, -1, 0.25, 2));
      await saveGloveText(join(folder, 'new', 'vectors.txt'), vectors);
      const read = await loadGloveText(join(folder, 'new', 'vectors.txt'));
      expect(read.words).toEqual(['sea', 'ocean']);
      expect(Array.from(read.data)).toEqual([0.5, -1, 0.25, 2]);
      await expect(loadGloveText(join(folder, 'missing.txt'))).rejects.toThrow(/loadGloveText: cannot read .*missing.txt/);
      writeFileSync(join(folder, 'bad.txt'), 'sea 1 2\nocean 1\n');
      await expect(loadGloveText(join(folder, 'bad.txt'))).rejects.toThrow(
        /loadGloveText: .*bad.txt: line 2 must be a word and 2 numbers, got 1 numbers/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
