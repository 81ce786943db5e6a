import * as tf from '@selfsup/core/tf';
import { AdamW, createRandom, type StepContext, train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../corpora/split-sentences.js';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { type SentenceBlocks, sentenceBlocks } from '../data/sentence-blocks.js';
import { t5 } from '../models/encoder-decoder.js';
import { spanCorruption } from '../objectives/span-corruption.js';
import { TextTokenizer } from '../tokenizers/text-tokenizer.js';
import { trainByteLevelBpe } from '../tokenizers/train-byte-level-bpe.js';
import { spanCorruptionDenoising, spanCorruptionLengths } from './span-corruption-denoising.js';

// 30 tokens + 10 sentinels (ids 30-39); pad 0, EOS 1.
const SMALL = {
  vocabularySize: 40,
  encoderLength: 24,
  decoderLength: 12,
  encoderLayers: 1,
  decoderLayers: 1,
  heads: 2,
  units: 8,
  dropout: 0,
  seed: 1,
};
const OPTIONS = { padTokenId: 0, eosTokenId: 1, sentinelCount: 10 };
const context = (seed: number) => ({ random: createRandom(seed) }) as StepContext;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const batch: SentenceBlocks = {
  blocks: [[range(2, 5), range(10, 6)], [range(20, 8)], [range(3, 20)]],
};

describe('spanCorruptionDenoising (T5)', () => {
  beforeAll(() => useBackend('wasm'));

  it("prepare: the encoder reads spanCorruption's inputs, the decoder the targets shifted right behind the pad id; padding ignored", () => {
    const model = t5(SMALL);
    const method = spanCorruptionDenoising({ model, ...OPTIONS });
    const [encoderIds, encoderMask, decoderIds, targets] = method.prepare(batch, context(3));
    const random = createRandom(3);
    const expected = batch.blocks.map((block) => spanCorruption(block.flat(), random, { vocabSize: 40, sentinelCount: 10, eosTokenId: 1 }));
    const [S, T] = [Math.max(...expected.map((e) => e.inputs.length)), Math.max(...expected.map((e) => e.targets.length))];
    const pad = (values: number[], length: number, value: number) => [...values, ...new Array(length - values.length).fill(value)];
    expect(encoderIds.arraySync()).toEqual(expected.map((e) => pad(e.inputs, S, 0)));
    expect(encoderMask.arraySync()).toEqual(expected.map((e) => pad(new Array(e.inputs.length).fill(1), S, 0)));
    expect(decoderIds.arraySync()).toEqual(expected.map((e) => pad([0, ...e.targets.slice(0, -1)], T, 0)));
    expect(targets.arraySync()).toEqual(expected.map((e) => pad(e.targets, T, -100)));
    expect(expected[2].targets[0]).toBe(39); // <extra_id_0>, the top of the vocabulary
    expect(expected.every((e) => e.inputs.at(-1) === 1 && e.targets.at(-1) === 1)).toBe(true);
    expect(encoderMask.dtype).toBe('float32');
    tf.dispose([encoderIds, encoderMask, decoderIds, targets]);
    model.model.dispose();
  });

  it("T5's lengths (568 tokens, targets of 114 for inputs of 512); uniform logits give log V; bad ids are named", () => {
    expect(spanCorruptionLengths(512)).toEqual({ tokens: 568, targets: 114 });
    const model = t5(SMALL);
    const method = spanCorruptionDenoising({ model, ...OPTIONS });
    const prepared = method.prepare(batch, context(0));
    const uniform = tf.zeros([...prepared[3].shape, 40]);
    const { loss, terms, metrics } = method.loss([uniform], prepared, context(0));
    expect(loss.dataSync()[0]).toBeCloseTo(Math.log(40), 5);
    expect(Object.keys(terms ?? {})).toEqual(['spans']);
    expect(Object.keys(metrics ?? {})).toEqual(['accuracy']);
    tf.dispose([...prepared, uniform, loss, metrics?.accuracy as tf.Tensor]);
    expect(() => spanCorruptionDenoising({ model, ...OPTIONS, eosTokenId: 35 })).toThrow(
      'spanCorruptionDenoising: eosTokenId must be an integer in [0, 30) (below the sentinels), got 35',
    );
    expect(() => spanCorruptionDenoising({ model, ...OPTIONS, padTokenId: -1 })).toThrow(
      'spanCorruptionDenoising: padTokenId must be an integer in [0, 40), got -1',
    );
    model.model.dispose();
  });

  it('dropout repeats exactly for a given step seed, and a slice of the batch gets the rows of the whole', () => {
    const model = t5({ ...SMALL, dropout: 0.5 });
    const method = spanCorruptionDenoising({ model, ...OPTIONS });
    const prepared = method.prepare(batch, context(1));
    const [whole] = method.forward(prepared, { seed: 4, offset: 0, batchSize: 3 });
    const [again] = method.forward(prepared, { seed: 4, offset: 0, batchSize: 3 });
    const slice = prepared.map((t) => tf.slice(t, 2, 1));
    const [sliced] = method.forward(slice, { seed: 4, offset: 2, batchSize: 3 });
    expect(Array.from(again.dataSync())).toEqual(Array.from(whole.dataSync()));
    expect(Array.from(sliced.dataSync())).toEqual(Array.from(tf.tidy(() => tf.slice(whole, 2, 1).dataSync())));
    tf.dispose([...prepared, whole, again, ...slice, sliced]);
    model.model.dispose();
  });

  it('the span loss falls on Moby Dick in 30 steps (byte-level BPE 600 + 100 sentinels, 2 + 2 layers x 32)', async () => {
    const chapters = (await loadMobyDick()).slice(1, 13).map((chapter) => splitSentences(chapter.text));
    const tokenizer = TextTokenizer.fromFiles(trainByteLevelBpe(chapters.flat(), { vocabSize: 600, specialTokens: ['<pad>', '</s>'] }));
    const documents = chapters.map((sentences) => sentences.map((s) => tokenizer.encode(s)));
    const { tokens, targets } = spanCorruptionLengths(32);
    const model = t5({
      vocabularySize: tokenizer.vocabSize + 100,
      encoderLength: 32,
      decoderLength: targets,
      encoderLayers: 2,
      decoderLayers: 2,
      heads: 2,
      units: 32,
      dropout: 0,
      seed: 2,
    });
    const result = await train({
      method: spanCorruptionDenoising({ model, padTokenId: 0, eosTokenId: 1 }),
      data: sentenceBlocks({ documents, maxTokens: tokens, batchSize: 16 }),
      optimizer: new AdamW({ learningRate: 1e-2 }),
      steps: 30,
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    expect(result.losses[0]).toBeGreaterThan(Math.log(tokenizer.vocabSize + 100) - 0.5);
    expect(mean(result.losses.slice(-5))).toBeLessThan(result.losses[0] - 0.8);
    model.model.dispose();
  }, 60_000);
});
