import * as tf from '@selfsup/core/tf';
import { AdamW, createRandom, type StepContext, type StepReport, train } from '@selfsup/core';
import { useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../corpora/split-sentences.js';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { type SentencePairs, sentencePairs } from '../data/sentence-pairs.js';
import { bert } from '../models/bert.js';
import { bertTokenIds } from '../objectives/bert-token-ids.js';
import { TextTokenizer } from '../tokenizers/text-tokenizer.js';
import { trainWordPiece } from '../tokenizers/train-wordpiece.js';
import { maskedLanguageModeling } from './masked-language-modeling.js';

const IDS = { padTokenId: 0, classifierTokenId: 1, separatorTokenId: 2, maskTokenId: 3 };
const SMALL = { vocabularySize: 40, contextLength: 16, layers: 1, heads: 2, units: 8, dropout: 0, seed: 1 };
const context = (seed: number) => ({ random: createRandom(seed) }) as StepContext;
const rowsOf = (t: tf.Tensor) => t.arraySync() as number[][];
// Tokens 10-19 for A, 20-29 for the next sentence, 30-39 for the other document's: where B comes from shows.
const batch: SentencePairs = {
  pairs: Array.from({ length: 24 }, (_, i) => ({
    first: [10 + (i % 10), 11, 12, 13],
    next: i % 3 === 0 ? [20, 21] : [20, 21, 22, 23, 24, 25],
    other: [30 + (i % 10), 31, 32],
  })),
};

describe('maskedLanguageModeling (BERT)', () => {
  beforeAll(() => useBackend('wasm'));

  it('prepare packs [CLS] A [SEP] B [SEP], B the next sentence (label 0) or the other one (1), and masks 15%: labels -100 exactly where nothing is predicted', () => {
    const { pretraining, encoder } = bert(SMALL);
    const method = maskedLanguageModeling({ model: { pretraining, encoder }, ...IDS });
    const prepared = method.prepare(batch, context(5));
    const [ids, segments, mask, labels, nsp] = prepared;
    expect(prepared.map((t) => t.dtype)).toEqual(['int32', 'int32', 'float32', 'int32', 'int32']);
    expect(ids.shape).toEqual([24, 13]); // the longest pair: 1 + 4 + 1 + 6 + 1
    expect(nsp.shape).toEqual([24]);
    const [idRows, segmentRows, maskRows, labelRows] = [ids, segments, mask, labels].map(rowsOf);
    const nextLabels = Array.from(nsp.dataSync());
    let chosen = 0;
    let counted = 0;
    batch.pairs.forEach(({ first, next, other }, b) => {
      const second = nextLabels[b] === 1 ? other : next;
      const original = [1, ...first, 2, ...second, 2];
      const expectedSegments = original.map((_, t) => (t <= first.length + 1 ? 0 : 1));
      for (let t = 0; t < 13; t++) {
        const real = t < original.length;
        expect(maskRows[b][t]).toBe(real ? 1 : 0);
        expect(segmentRows[b][t]).toBe(real ? expectedSegments[t] : 0);
        if (!real) {
          expect([idRows[b][t], labelRows[b][t]]).toEqual([0, -100]);
          continue;
        }
        const special = t === 0 || original[t] === 2;
        if (labelRows[b][t] === -100) expect(idRows[b][t]).toBe(original[t]);
        else {
          expect(special).toBe(false);
          expect(labelRows[b][t]).toBe(original[t]);
          chosen++;
        }
        if (!special) counted++;
      }
    });
    expect(nextLabels.filter((l) => l === 1).length).toBeGreaterThan(4);
    expect(nextLabels.filter((l) => l === 0).length).toBeGreaterThan(4);
    expect(chosen / counted).toBeGreaterThan(0.05);
    expect(chosen / counted).toBeLessThan(0.3);
    // The same step seed gives the same tensors.
    const again = method.prepare(batch, context(5));
    expect(again.map((t) => Array.from(t.dataSync()))).toEqual(prepared.map((t) => Array.from(t.dataSync())));
    tf.dispose([...prepared, ...again]);
    pretraining.dispose();
  });

  it('at uniform logits the loss is log V + log 2 (terms mlm = log V, nsp = log 2)', () => {
    const model = bert(SMALL);
    const method = maskedLanguageModeling({ model, ...IDS });
    const prepared = method.prepare(batch, context(2));
    const [mlmLogits, nspLogits] = [tf.zeros([24, 13, 40]), tf.zeros([24, 2])];
    const { loss, terms, metrics } = method.loss([mlmLogits, nspLogits], prepared, context(2));
    expect(loss.dataSync()[0]).toBeCloseTo(Math.log(40) + Math.log(2), 5);
    expect(terms?.mlm.dataSync()[0]).toBeCloseTo(Math.log(40), 5);
    expect(terms?.nsp.dataSync()[0]).toBeCloseTo(Math.log(2), 5);
    expect(Object.keys(metrics ?? {})).toEqual(['mlmAccuracy', 'nspAccuracy']);
    tf.dispose([...prepared, mlmLogits, nspLogits, loss, ...Object.values(terms ?? {}), ...(Object.values(metrics ?? {}) as tf.Tensor[])]);
    model.pretraining.dispose();
    expect(() => maskedLanguageModeling({ model: bert(SMALL), ...IDS, maskTokenId: 40 })).toThrow(
      'maskedLanguageModeling: maskTokenId must be an integer in [0, 40), got 40',
    );
  });

  it('dropout repeats exactly for a given step seed, and a slice of the batch gets the rows of the whole', () => {
    const model = bert({ ...SMALL, dropout: 0.5 });
    const method = maskedLanguageModeling({ model, ...IDS });
    const prepared = method.prepare({ pairs: batch.pairs.slice(0, 3) }, context(1));
    const whole = method.forward(prepared, { seed: 9, offset: 0, batchSize: 3 });
    const again = method.forward(prepared, { seed: 9, offset: 0, batchSize: 3 });
    const slice = prepared.map((t) => tf.slice(t, 1, 2)); // examples 1 and 2
    const sliced = method.forward(slice, { seed: 9, offset: 1, batchSize: 3 });
    whole.forEach((output, i) => {
      expect(Array.from(again[i].dataSync())).toEqual(Array.from(output.dataSync()));
      expect(Array.from(sliced[i].dataSync())).toEqual(Array.from(tf.tidy(() => tf.slice(output, 1, 2).dataSync())));
    });
    tf.dispose([...prepared, ...whole, ...again, ...slice, ...sliced]);
    model.pretraining.dispose();
  });

  it('the MLM loss falls on Moby Dick in 30 steps (WordPiece 800, 2 layers x 32)', async () => {
    const chapters = (await loadMobyDick()).slice(1, 13).map((chapter) => splitSentences(chapter.text));
    const tokenizer = TextTokenizer.fromFiles(trainWordPiece(chapters.flat(), { vocabSize: 800 }));
    const documents = chapters.map((sentences) => sentences.map((s) => tokenizer.encode(s, { addSpecialTokens: false })));
    const model = bert({ vocabularySize: tokenizer.vocabSize, contextLength: 32, layers: 2, heads: 2, units: 32, dropout: 0, seed: 2 });
    const reports: StepReport[] = [];
    const result = await train({
      method: maskedLanguageModeling({ model, ...bertTokenIds(tokenizer) }),
      data: sentencePairs({ documents, batchSize: 16 }),
      optimizer: new AdamW({ learningRate: 1e-2 }),
      steps: 30,
      callbacks: [{ onStep: (report: StepReport) => void reports.push(report) }],
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    const mlm = reports.map((r) => r.terms.mlm);
    expect(mlm[0]).toBeGreaterThan(Math.log(tokenizer.vocabSize) - 0.5);
    // About 70 masked tokens a batch: a noisy loss, so the mean of the last 10 steps (from log V = 6.7 to about 6).
    expect(mean(mlm.slice(-10))).toBeLessThan(mlm[0] - 0.4);
    expect(mean(result.losses.slice(-10))).toBeLessThan(result.losses[0] - 0.4);
    expect(reports.every((r) => r.metrics.nspAccuracy >= 0 && r.metrics.nspAccuracy <= 1)).toBe(true);
    model.pretraining.dispose();
  }, 60_000);
});
