import * as tf from '@selfsup/core/tf';
import { AdamW, createRandom, type StepContext, train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../corpora/split-sentences.js';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { type SentenceBlocks, sentenceBlocks } from '../data/sentence-blocks.js';
import { bart } from '../models/encoder-decoder.js';
import { bartNoise } from '../objectives/bart-noise.js';
import { TextTokenizer } from '../tokenizers/text-tokenizer.js';
import { trainByteLevelBpe } from '../tokenizers/train-byte-level-bpe.js';
import { bartDenoising } from './bart-denoising.js';
import { sequenceToSequenceTensors } from './sequence-to-sequence-method.js';

// fairseq's order: <s> 0, <pad> 1, </s> 2, <mask> 3.
const IDS = { bosTokenId: 0, padTokenId: 1, eosTokenId: 2, maskTokenId: 3 };
const SMALL = {
  vocabularySize: 40,
  encoderLength: 24,
  decoderLength: 24,
  encoderLayers: 1,
  decoderLayers: 1,
  heads: 2,
  units: 8,
  dropout: 0,
  seed: 1,
};
const context = (seed: number) => ({ random: createRandom(seed) }) as StepContext;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const batch: SentenceBlocks = {
  blocks: [[range(4, 5), range(10, 6), range(20, 3)], [range(30, 8)], [range(5, 4), range(15, 4)]],
};
const pad = (values: readonly number[], length: number, value: number) => [...values, ...new Array(length - values.length).fill(value)];

describe('bartDenoising (BART)', () => {
  beforeAll(() => useBackend('wasm'));

  it("prepare: the encoder reads bartNoise's corrupted block, the decoder the original shifted right behind EOS; the targets are BOS sentences EOS", () => {
    const model = bart(SMALL);
    const method = bartDenoising({ model, ...IDS });
    const [encoderIds, encoderMask, decoderIds, targets] = method.prepare(batch, context(3));
    const random = createRandom(3);
    const expected = batch.blocks.map((block) => bartNoise(block, random, IDS));
    const [S, T] = [Math.max(...expected.map((e) => e.inputs.length)), Math.max(...expected.map((e) => e.targets.length))];
    expect(encoderIds.arraySync()).toEqual(expected.map((e) => pad(e.inputs, S, 1)));
    expect(encoderMask.arraySync()).toEqual(expected.map((e) => pad(new Array(e.inputs.length).fill(1), S, 0)));
    expect(decoderIds.arraySync()).toEqual(expected.map((e) => pad([2, ...e.targets.slice(0, -1)], T, 1)));
    expect(targets.arraySync()).toEqual(batch.blocks.map((block) => pad([0, ...block.flat(), 2], T, -100)));
    expect(expected.some((e) => e.inputs.includes(3))).toBe(true); // infilled spans
    tf.dispose([encoderIds, encoderMask, decoderIds, targets]);
    model.model.dispose();
  });

  it('uniform logits give log V; an input longer than the encoder keeps its EOS; a target longer than the decoder and bad ids are named', () => {
    const model = bart(SMALL);
    const method = bartDenoising({ model, ...IDS });
    const prepared = method.prepare(batch, context(0));
    const uniform = tf.zeros([...prepared[3].shape, 40]);
    const { loss, terms, metrics } = method.loss([uniform], prepared, context(0));
    expect(loss.dataSync()[0]).toBeCloseTo(Math.log(40), 5);
    expect(Object.keys(terms ?? {})).toEqual(['reconstruction']);
    tf.dispose([...prepared, uniform, loss, metrics?.accuracy as tf.Tensor]);
    const lengths = { padTokenId: 1, decoderStartTokenId: 2, encoderLength: 4, decoderLength: 4, fn: 'bartDenoising' };
    const [cut] = sequenceToSequenceTensors([{ inputs: [0, 5, 3, 6, 7, 2], targets: [0, 5, 2] }], lengths);
    expect(cut.arraySync()).toEqual([[0, 5, 3, 2]]);
    expect(() => sequenceToSequenceTensors([{ inputs: [0, 2], targets: [0, 5, 6, 7, 2] }], lengths)).toThrow(
      "bartDenoising: a target of 5 tokens exceeds the decoder's 4 positions (decoderLength)",
    );
    expect(() => bartDenoising({ model, ...IDS, maskTokenId: 40 })).toThrow('bartDenoising: maskTokenId must be an integer in [0, 40), got 40');
    cut.dispose();
    model.model.dispose();
  });

  it('dropout repeats exactly for a given step seed, and a slice of the batch gets the rows of the whole', () => {
    const model = bart({ ...SMALL, dropout: 0.5 });
    const method = bartDenoising({ model, ...IDS });
    const prepared = method.prepare(batch, context(1));
    const [whole] = method.forward(prepared, { seed: 4, offset: 0, batchSize: 3 });
    const [again] = method.forward(prepared, { seed: 4, offset: 0, batchSize: 3 });
    const slice = prepared.map((t) => tf.slice(t, 0, 2));
    const [sliced] = method.forward(slice, { seed: 4, offset: 0, batchSize: 3 });
    expect(Array.from(again.dataSync())).toEqual(Array.from(whole.dataSync()));
    expect(Array.from(sliced.dataSync())).toEqual(Array.from(tf.tidy(() => tf.slice(whole, 0, 2).dataSync())));
    tf.dispose([...prepared, whole, again, ...slice, sliced]);
    model.model.dispose();
  });

  it('the reconstruction loss falls on Moby Dick in 30 steps (byte-level BPE 600, 2 + 2 layers x 32, blocks of 22 tokens)', async () => {
    const chapters = (await loadMobyDick()).slice(1, 13).map((chapter) => splitSentences(chapter.text));
    const tokenizer = TextTokenizer.fromFiles(
      trainByteLevelBpe(chapters.flat(), { vocabSize: 600, specialTokens: ['<s>', '<pad>', '</s>', '<mask>'] }),
    );
    const documents = chapters.map((sentences) => sentences.map((s) => tokenizer.encode(s)));
    const model = bart({
      vocabularySize: tokenizer.vocabSize,
      encoderLength: 24,
      decoderLength: 24,
      encoderLayers: 2,
      decoderLayers: 2,
      heads: 2,
      units: 32,
      dropout: 0,
      seed: 2,
    });
    const result = await train({
      method: bartDenoising({ model, ...IDS }),
      data: sentenceBlocks({ documents, maxTokens: 22, batchSize: 16 }),
      optimizer: new AdamW({ learningRate: 1e-2 }),
      steps: 30,
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    expect(result.losses[0]).toBeGreaterThan(Math.log(tokenizer.vocabSize) - 0.5);
    expect(mean(result.losses.slice(-5))).toBeLessThan(result.losses[0] - 0.8);
    model.model.dispose();
  }, 60_000);
});
