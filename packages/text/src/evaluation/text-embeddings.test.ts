import * as tf from '@selfsup/core/tf';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { bert } from '../models/bert.js';
import { bart, t5 } from '../models/encoder-decoder.js';
import { gpt } from '../models/gpt.js';
import { encoderInputIds } from './encoder-input-ids.js';
import { textEmbeddings, textEncoderKind } from './text-embeddings.js';

const SHAPE = { vocabularySize: 30, layers: 1, heads: 2, units: 8, dropout: 0, seed: 4 };
const models = () => {
  const b = bert({ ...SHAPE, contextLength: 12 });
  const t = t5({ ...SHAPE, encoderLength: 12, decoderLength: 6, encoderLayers: 1, decoderLayers: 1 });
  const a = bart({ ...SHAPE, encoderLength: 12, decoderLength: 6, encoderLayers: 1, decoderLayers: 1 });
  const g = gpt({ ...SHAPE, contextLength: 12 });
  return {
    bert: b.encoder,
    'bert pre-training model': b.pretraining,
    't5 encoder': t.encoder,
    't5 whole model': t.model,
    'bart encoder': a.encoder,
    gpt: g,
  };
};
const built = {} as ReturnType<typeof models>;
const row = (features: { values: Float32Array; dimension: number }, i: number) =>
  Array.from(features.values.subarray(i * features.dimension, (i + 1) * features.dimension));
const expectClose = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of actual.entries()) expect(value).toBeCloseTo(expected[i], 5);
};

describe('textEmbeddings', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    Object.assign(built, models());
  });

  it('tells the models apart by their layers', () => {
    expect(Object.values(built).map(textEncoderKind)).toEqual(['bert', 'bert', 'encoder-decoder', 'encoder-decoder', 'encoder-decoder', 'gpt']);
    expect(() => textEncoderKind(tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] }))).toThrow(/not a model of bert, t5/);
  });

  it.each(Object.keys(models()))('%s: [N, units] features, the same whatever the padding, in input order, leaking nothing', async (name) => {
    const model = built[name as keyof typeof built];
    const short = [5, 6, 7];
    const long = [9, 8, 7, 6, 5, 4, 3, 2];
    const before = tf.memory().numTensors;
    const alone = await textEmbeddings(model, [short]);
    const batched = await textEmbeddings(model, [short, long, [11]], { padId: 0 });
    const otherPad = await textEmbeddings(model, [short, long, [11]], { padId: 17, batchSize: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect([batched.count, batched.dimension]).toEqual([3, 8]);
    expect(batched.values.every(Number.isFinite)).toBe(true);
    // Padded to 8 positions beside `long`, the short text's features do not move.
    expectClose(row(batched, 0), row(alone, 0));
    expectClose(row(otherPad, 0), row(batched, 0));
    expectClose(row(otherPad, 2), row(batched, 2));
    expectClose(row(batched, 1), row(await textEmbeddings(model, [long]), 0));
    expect(row(batched, 0)).not.toEqual(row(batched, 1));
  });

  it('pools the mean of the hidden states over the tokens, the first or the last token', async () => {
    const model = built.bert;
    const ids = [3, 9, 4, 12];
    const hidden = tf.tidy(() => {
      const input = tf.tensor2d([ids], [1, 4], 'int32');
      return (model.apply([input, tf.zerosLike(input), tf.ones([1, 4])]) as tf.Tensor).arraySync() as number[][][];
    })[0];
    const mean = hidden[0].map((_, c) => hidden.reduce((sum, position) => sum + position[c], 0) / 4);
    // Beside a longer text, so that padding follows this one.
    const texts = [ids, [1, 2, 3, 4, 5, 6, 7, 8, 9]];
    expectClose(row(await textEmbeddings(model, texts), 0), mean);
    expectClose(row(await textEmbeddings(model, texts, { pooling: 'first' }), 0), hidden[0]);
    expectClose(row(await textEmbeddings(model, texts, { pooling: 'last' }), 0), hidden[3]);
  });

  it("keeps a longer text's first maxLength tokens; T5's whole model gives its encoder's features", async () => {
    const cut = await textEmbeddings(built.gpt, [[1, 2, 3, 4, 5, 6]], { maxLength: 3 });
    expectClose(row(cut, 0), row(await textEmbeddings(built.gpt, [[1, 2, 3]]), 0));
    const ids = [[4, 5, 6, 7], [8]];
    expectClose(row(await textEmbeddings(built['t5 whole model'], ids), 0), row(await textEmbeddings(built['t5 encoder'], ids), 0));
  });

  it('refuses what the model cannot read, naming it', async () => {
    await expect(textEmbeddings(built.bert, [[1, 2]], { maxLength: 13 })).rejects.toThrow('maxLength must be an integer in [1, 12]');
    await expect(textEmbeddings(built.bert, [[1, 30]])).rejects.toThrow('tokenIdLists[0] must hold token ids in [0, 30)');
    await expect(textEmbeddings(built.bert, [[1], []])).rejects.toThrow('tokenIdLists[1] must be a non-empty array');
    await expect(textEmbeddings(built.bert, [[1]], { pooling: 'max' as never })).rejects.toThrow("pooling must be 'mean', 'first' or 'last'");
  });
});

describe('encoderInputIds', () => {
  const specialTokens = { classifier: 2, separator: 3, bos: 0, eos: 1 };

  it('frames a text as each objective pretrains on it, keeping the end token when it cuts', () => {
    expect(encoderInputIds('bert', [17, 18, 19, 20], { specialTokens, maxLength: 4 })).toEqual([2, 17, 18, 3]);
    expect(encoderInputIds('t5', [17, 18], { specialTokens, maxLength: 128 })).toEqual([17, 18, 1]);
    expect(encoderInputIds('bart', [17, 18, 19], { specialTokens, maxLength: 4 })).toEqual([0, 17, 18, 1]);
    expect(encoderInputIds('gpt', [17, 18, 19], { specialTokens: {}, maxLength: 2 })).toEqual([17, 18]);
  });

  it('names a missing special token or an unknown objective', () => {
    expect(() => encoderInputIds('bart', [5], { specialTokens: { eos: 1 }, maxLength: 8 })).toThrow('bart needs specialTokens.bos');
    expect(() => encoderInputIds('elmo' as never, [5], { specialTokens, maxLength: 8 })).toThrow('objective must be one of bert, t5, bart, gpt');
    expect(() => encoderInputIds('bert', [5], { specialTokens, maxLength: 1 })).toThrow('maxLength must be an integer of at least 2');
  });
});
