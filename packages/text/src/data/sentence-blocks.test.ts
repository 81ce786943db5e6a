import { describe, expect, it } from 'vitest';
import { sentenceBlocks } from './sentence-blocks.js';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

async function epochBlocks(source: ReturnType<typeof sentenceBlocks>, epoch: number, seed: number, startBatch = 0): Promise<number[][][]> {
  const blocks: number[][][] = [];
  for await (const batch of source.epoch({ epoch, seed, startBatch })) blocks.push(...batch.blocks.map((b) => b.map((s) => [...s])));
  return blocks;
}

describe('sentenceBlocks', () => {
  it('groups whole consecutive sentences of one document up to maxTokens; cuts a longer sentence; drops blocks under minTokens', async () => {
    const documents = [[range(10, 3), range(20, 2), range(30, 4), [], range(40, 1)], [range(50, 11), range(70, 1)], [range(80, 1)]];
    const source = sentenceBlocks({ documents, maxTokens: 5, batchSize: 1 });
    const blocks = await epochBlocks(source, 0, 3);
    const sorted = [...blocks].sort((a, b) => a[0][0] - b[0][0]);
    expect(sorted).toEqual([
      [range(10, 3), range(20, 2)],
      [range(30, 4), range(40, 1)],
      [range(50, 5)],
      [range(55, 5)],
      // [60] alone (1 token) and [80] are under minTokens 2; [60] does not join [70]: a cut piece is a block of its own.
    ]);
    expect(source.batchesPerEpoch).toBe(4);
  });

  it('shuffles the order per (seed, epoch), the same again for the same pair, and resumes at a batch', async () => {
    const documents = range(0, 12).map((d) => [range(100 * d, 3)]);
    const source = sentenceBlocks({ documents, maxTokens: 8, batchSize: 2 });
    const first = await epochBlocks(source, 0, 1);
    expect(first).toHaveLength(12);
    expect(await epochBlocks(source, 0, 1)).toEqual(first);
    expect(await epochBlocks(source, 0, 1, 2)).toEqual(first.slice(4));
    expect(await epochBlocks(source, 1, 1)).not.toEqual(first);
  });

  it('rejects bad options, naming them', () => {
    expect(() => sentenceBlocks({ documents: [[range(0, 3)]], maxTokens: 0, batchSize: 1 })).toThrow(
      'sentenceBlocks: maxTokens must be a positive integer, got 0',
    );
    expect(() => sentenceBlocks({ documents: [[range(0, 3)]], maxTokens: 4, batchSize: 2 })).toThrow(
      'sentenceBlocks: batchSize must be an integer in [1, 1]',
    );
  });
});
