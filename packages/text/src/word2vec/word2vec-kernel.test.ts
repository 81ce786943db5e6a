import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { nextUint32, word2vecSeed } from './fast-random.js';
import { drawFromTable, keepProbability, negativeSamplingTable, subsamplingThresholds } from './sampling-tables.js';
import { trainPass, type Word2VecKernel } from './word2vec-kernel.js';

/** A kernel over sentences of word ids (`-1`: an unknown word, removed but counted as progress). */
function kernelOf(sentences: number[][], counts: number[], settings: Partial<Word2VecKernel> & { sample?: number } = {}): Word2VecKernel {
  const { sample = 0, ...rest } = settings;
  const dimension = rest.dimension ?? 4;
  const random = createRandom(7);
  const ids = sentences.flatMap((sentence) => sentence.filter((id) => id >= 0));
  const starts = [0];
  for (const sentence of sentences) starts.push(starts.at(-1)! + sentence.filter((id) => id >= 0).length);
  return {
    dimension,
    input: Float32Array.from({ length: counts.length * dimension }, () => (random.next() - 0.5) / dimension),
    output: Float32Array.from({ length: counts.length * dimension }, () => (random.next() - 0.5) / dimension),
    negativeTable: negativeSamplingTable(counts),
    keepThresholds: sample > 0 ? subsamplingThresholds(counts, sample) : null,
    ids: Int32Array.from(ids),
    starts: Int32Array.from(starts),
    rawWords: Int32Array.from(sentences, (sentence) => sentence.length),
    window: 5,
    negative: 5,
    skipGram: true,
    cbowMean: true,
    shrinkWindows: true,
    computeLoss: false,
    maxSentenceLength: 10000,
    ...rest,
  };
}

const scheduleOf = (totalWords: number, alpha = 0.025) => ({ alpha, minAlpha: 1e-4, totalWords, progress: new Float64Array(1), slot: 0 });
const run = (kernel: Word2VecKernel, totalWords = Number.POSITIVE_INFINITY, alpha = 0.025) =>
  trainPass(kernel, scheduleOf(totalWords, alpha), 0, kernel.rawWords.length, Uint32Array.of(word2vecSeed(1, 1)));

/**
 * A float64 reimplementation of one pass (gensim's train_batch_sg / train_batch_cbow with
 * negative sampling), drawing from the same generator in the same order, without subsampling.
 */
function referencePass(kernel: Word2VecKernel, alpha: number): { input: Float64Array; output: Float64Array } {
  const { dimension: n, window, negative, negativeTable } = kernel;
  const input = Float64Array.from(kernel.input);
  const output = Float64Array.from(kernel.output);
  const random = Uint32Array.of(word2vecSeed(1, 1));
  const limit = negativeTable.at(-1)!;
  const row = (array: Float64Array, id: number) => array.subarray(id * n, (id + 1) * n);
  const step = (h: Float64Array, centre: number, work: Float64Array) => {
    const targets = [centre];
    for (let d = 0; d < negative; d++) {
      const target = drawFromTable(negativeTable, nextUint32(random) % limit);
      if (target !== centre) targets.push(target);
    }
    targets.forEach((target, d) => {
      const o = row(output, target);
      const g = ((d === 0 ? 1 : 0) - 1 / (1 + Math.exp(-h.reduce((sum, value, k) => sum + value * o[k], 0)))) * alpha;
      for (let k = 0; k < n; k++) {
        work[k] += g * o[k];
        o[k] += g * h[k];
      }
    });
  };
  for (let s = 0; s + 1 < kernel.starts.length; s++) {
    const words = Array.from(kernel.ids.subarray(kernel.starts[s], kernel.starts[s + 1]));
    words.forEach((centre, i) => {
      const reach = window - (nextUint32(random) % window);
      const context = words.map((_, j) => j).filter((j) => j !== i && Math.abs(j - i) <= reach);
      if (kernel.skipGram) {
        for (const j of context) {
          const work = new Float64Array(n);
          step(row(input, words[j]), centre, work);
          row(input, words[j]).forEach((_, k, h) => {
            h[k] += work[k];
          });
        }
      } else if (context.length > 0) {
        const h = new Float64Array(n);
        for (const j of context) {
          row(input, words[j]).forEach((value, k) => {
            h[k] += kernel.cbowMean ? value / context.length : value;
          });
        }
        const work = new Float64Array(n);
        step(h, centre, work);
        for (const j of context) {
          row(input, words[j]).forEach((_, k, v) => {
            v[k] += kernel.cbowMean ? work[k] : work[k] / context.length;
          });
        }
      }
    });
  }
  return { input, output };
}

describe('trainPass', () => {
  const counts = [40, 30, 20, 10, 8, 5, 3, 2];
  const random = createRandom(3);
  const sentences = Array.from({ length: 12 }, () => Array.from({ length: 4 + random.integer(14) }, () => random.integer(counts.length)));

  it.each([
    ['skip-gram', { skipGram: true }],
    ['CBOW mean', { skipGram: false, cbowMean: true }],
    ['CBOW sum', { skipGram: false, cbowMean: false }],
  ])('%s matches a float64 reference of gensim’s loop drawing the same numbers', (_, settings) => {
    const kernel = kernelOf(sentences, counts, { ...settings, window: 3, negative: 4, dimension: 6 });
    // A constant rate (no decay) so the reference needs no schedule: alpha equal to minAlpha.
    const schedule = { alpha: 0.05, minAlpha: 0.05, totalWords: 1, progress: new Float64Array(1), slot: 0 };
    const expected = referencePass(kernel, 0.05);
    const result = trainPass(kernel, schedule, 0, sentences.length, Uint32Array.of(word2vecSeed(1, 1)));
    expect(result.pairs).toBeGreaterThan(0);
    for (let i = 0; i < kernel.input.length; i++) {
      expect(kernel.input[i]).toBeCloseTo(expected.input[i], 5);
      expect(kernel.output[i]).toBeCloseTo(expected.output[i], 5);
    }
  });

  it('shrinks windows: each side reaches 1..window words uniformly, (window + 1) contexts per word on average', () => {
    const long = [Array.from({ length: 20000 }, (_, i) => i % counts.length)];
    const shrunk = run(kernelOf(long, counts, { window: 5, negative: 1, maxSentenceLength: 20000 }));
    expect(shrunk.pairs / 20000).toBeGreaterThan(5.9);
    expect(shrunk.pairs / 20000).toBeLessThan(6.1);
    const fixed = run(kernelOf(long, counts, { window: 5, negative: 1, shrinkWindows: false, maxSentenceLength: 20000 }));
    expect(fixed.pairs).toBe(2 * 5 * 20000 - 5 * 6);
    // The draw itself: window - (u mod window) is uniform on 1..window.
    const state = Uint32Array.of(word2vecSeed(2, 1));
    const seen = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) seen[5 - (nextUint32(state) % 5)]++;
    for (let reach = 1; reach <= 5; reach++) expect(Math.abs(seen[reach] - 12_000)).toBeLessThan(5 * Math.sqrt(12_000 * 0.8));
  });

  it('subsamples each occurrence with its keep probability, and cuts sentences at maxSentenceLength', () => {
    const twoWords = [9000, 1000];
    const sentence = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const result = run(kernelOf([sentence], twoWords, { sample: 0.01, negative: 1 }));
    const expected = 9000 * keepProbability(9000, 0.01, 10_000) + 1000 * keepProbability(1000, 0.01, 10_000);
    expect(Math.abs(result.words - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(run(kernelOf([sentence.slice(0, 50)], twoWords, { maxSentenceLength: 10 })).words).toBe(10);
  });

  it('counts progress in raw words (unknown words included) and decays alpha linearly with it', () => {
    const withUnknown = [
      [0, -1, 1, 2],
      [3, -1, -1],
      [4, 5, 6, 7, 0],
    ];
    const kernel = kernelOf(withUnknown, counts);
    const schedule = scheduleOf(12 * 2);
    const first = trainPass(kernel, schedule, 0, 3, Uint32Array.of(1));
    expect(schedule.progress[0]).toBe(12);
    expect(first.words).toBe(9);
    // The last sentence started after 7 of 24 words.
    expect(first.alpha).toBeCloseTo(0.025 - (0.025 - 1e-4) * (7 / 24), 12);
    const second = trainPass(kernel, schedule, 0, 3, Uint32Array.of(1));
    expect(second.alpha).toBeCloseTo(0.025 - (0.025 - 1e-4) * (19 / 24), 12);
    expect(schedule.progress[0]).toBe(24);
  });

  it('learns: the objective falls over passes on a small corpus', () => {
    const kernel = kernelOf(sentences, counts, { computeLoss: true, window: 2 });
    const losses = Array.from({ length: 20 }, () => {
      const result = run(kernel, Number.POSITIVE_INFINITY, 0.05);
      return result.loss / result.pairs;
    });
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.9);
  });
});
