import { describe, expect, it } from 'vitest';
import { type SentencePair, sentencePairs } from './sentence-pairs.js';

const sentence = (document: number, index: number) => [100 * document + index, 100 * document + index]; // tokens name their place
const documents = [[sentence(1, 0), sentence(1, 1), sentence(1, 2)], [sentence(2, 0)], [], [sentence(4, 0), [], sentence(4, 1)]];
const documentOf = (s: readonly number[]) => Math.floor(s[0] / 100);

async function epochPairs(epoch: number, seed: number, startBatch = 0, batchSize = 1): Promise<SentencePair[]> {
  const pairs: SentencePair[] = [];
  for await (const batch of sentencePairs({ documents, batchSize }).epoch({ epoch, seed, startBatch })) pairs.push(...batch.pairs);
  return pairs;
}

describe('sentencePairs', () => {
  it('yields every two consecutive non-empty sentences of a document once per epoch, with a sentence of another document', async () => {
    const pairs = await epochPairs(0, 7);
    const key = (p: SentencePair) => `${p.first[0]}>${p.next[0]}`;
    expect(pairs.map(key).sort()).toEqual(['100>101', '101>102', '400>401']);
    for (const pair of pairs) {
      expect(documentOf(pair.other)).not.toBe(documentOf(pair.first));
      expect([1, 2, 4]).toContain(documentOf(pair.other));
    }
  });

  it('is the same for the same (seed, epoch), resumes at a batch, and draws other sentences anew each epoch', async () => {
    const first = await epochPairs(0, 7);
    expect(await epochPairs(0, 7)).toEqual(first);
    expect(await epochPairs(0, 7, 1)).toEqual(first.slice(1));
    const others = new Set<string>();
    for (let epoch = 0; epoch < 20; epoch++) for (const pair of await epochPairs(epoch, 7)) others.add(`${pair.first[0]}:${pair.other[0]}`);
    // A of document 1 sees sentences of documents 2 and 4; A of document 4, those of 1 and 2.
    expect([...others].filter((o) => o.startsWith('400:')).length).toBeGreaterThan(2);
    expect([...others].some((o) => o === '100:200')).toBe(true);
  });

  it('rejects too few documents and a batch larger than the pairs', () => {
    expect(() => sentencePairs({ documents: [[[1], [2]], []], batchSize: 1 })).toThrow(
      'sentencePairs: documents must hold at least two documents with a sentence',
    );
    expect(() => sentencePairs({ documents, batchSize: 4 })).toThrow('sentencePairs: batchSize must be an integer in [1, 3]');
  });
});
