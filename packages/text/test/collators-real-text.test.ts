// The collators on real text: Moby Dick sentences through a WordPiece tokenizer trained here.
import { createRandom } from '@selfsup/core';
import * as tf from '@selfsup/core/tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { bartNoise, bertTokenIds, maskTokens, nextSentencePairs, padBatch, spanCorruption, splitSentences, TextTokenizer, trainWordPiece } from '../src/index.js';
import { loadMobyDick } from '../src/node.js';

let tokenizer: TextTokenizer;
let chapters: string[][];

beforeAll(async () => {
  chapters = (await loadMobyDick()).slice(0, 40).map((chapter) => splitSentences(chapter.text));
  tokenizer = TextTokenizer.fromFiles(trainWordPiece(chapters.flat(), { vocabSize: 1500 }));
}, 120_000);

describe('collators on Moby Dick', () => {
  it('whole-word masking masks every piece of a chosen word and about 15% of the tokens', () => {
    const ids = bertTokenIds(tokenizer);
    const random = createRandom(0);
    let tokens = 0;
    let chosen = 0;
    for (const sentence of chapters.slice(0, 10).flat()) {
      const encoded = tokenizer.encode(sentence);
      const { tokenIds, labels } = maskTokens(encoded, random, { ...ids, wholeWords: true });
      tokens += encoded.length;
      labels.forEach((label, i) => {
        if (label === -100) return;
        chosen++;
        expect(label).toBe(encoded[i]);
        expect(ids.specialTokenIds).not.toContain(encoded[i]);
        // A piece is chosen with the pieces of its word before and after it.
        if (ids.isContinuation(encoded[i])) expect(labels[i - 1]).not.toBe(-100);
        if (ids.isContinuation(encoded[i + 1])) expect(labels[i + 1]).not.toBe(-100);
      });
      expect(tokenIds[0]).toBe(ids.classifierTokenId);
      expect(tokenIds[tokenIds.length - 1]).toBe(ids.separatorTokenId);
    }
    expect(tokens).toBeGreaterThan(10_000);
    expect(Math.abs(chosen / tokens - 0.15)).toBeLessThan(0.02); // round(n x 15%) per sentence, words that do not fit skipped
  });

  it('next sentence pairs, T5 span corruption and BART denoising rebuild the text they were given', () => {
    const ids = bertTokenIds(tokenizer);
    const documents = chapters.map((sentences) => sentences.map((sentence) => tokenizer.encode(sentence, { addSpecialTokens: false })));
    const pairs = nextSentencePairs(documents, createRandom(1), { ...ids, maxLength: 64 });
    expect(pairs.every((pair) => pair.tokenIds.length <= 64 && pair.tokenIds.length === pair.segmentIds.length)).toBe(true);
    const actual = pairs.filter((pair) => pair.nextSentenceLabel === 0)[0];
    expect(tokenizer.decode(actual.tokenIds, { skipSpecialTokens: true })).toMatch(/\w/);

    const text = documents[1].flat();
    const vocabSize = tokenizer.vocabSize + 100;
    const { inputs, targets } = spanCorruption(text, createRandom(2), { vocabSize });
    const sentinels = inputs.filter((id) => id >= tokenizer.vocabSize);
    expect(sentinels[0]).toBe(vocabSize - 1);
    expect(inputs.length - sentinels.length + targets.length - sentinels.length).toBe(text.length);

    const { inputs: noised, targets: original } = bartNoise(documents[1], createRandom(3), { bosTokenId: ids.classifierTokenId, eosTokenId: ids.separatorTokenId, maskTokenId: ids.maskTokenId });
    expect(original).toEqual([ids.classifierTokenId, ...text, ids.separatorTokenId]);
    expect(noised.length).toBeLessThan(original.length);

    const { tokenIds, attentionMask } = padBatch([inputs, targets], { padTokenId: ids.padTokenId });
    expect(tokenIds.shape).toEqual([2, inputs.length]);
    expect(tf.sum(attentionMask).arraySync()).toBe(inputs.length + targets.length);
    tokenIds.dispose();
    attentionMask.dispose();
  });
});
