import { describe, expect, it } from 'vitest';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { trainWord2Vec } from './train-word2vec.js';
import { trainWord2VecParallel } from './train-word2vec-parallel.js';
import { WORD2VEC_DEFAULTS } from './word2vec-defaults.js';
import type { Word2VecProgress } from './word2vec-progress.js';
import { wordSentences } from './word-tokens.js';

/** The first `words` words of Moby Dick (after the front matter), whole sentences. */
async function mobyDick(words: number): Promise<string[][]> {
  const sentences = wordSentences((await loadMobyDick()).slice(3));
  const kept: string[][] = [];
  let total = 0;
  for (const sentence of sentences) {
    total += sentence.length;
    if (total > words) break;
    kept.push(sentence);
  }
  return kept;
}

describe('WORD2VEC_DEFAULTS', () => {
  it("are gensim 4's Word2Vec defaults, frozen", () => {
    expect(Object.isFrozen(WORD2VEC_DEFAULTS)).toBe(true);
    expect(WORD2VEC_DEFAULTS).toMatchObject({
      dimension: 100,
      window: 5,
      minCount: 5,
      negative: 5,
      nsExponent: 0.75,
      sample: 1e-3,
      alpha: 0.025,
      minAlpha: 1e-4,
      epochs: 5,
      skipGram: false,
      cbowMean: true,
      shrinkWindows: true,
      maxSentenceLength: 10000,
    });
  });
});

describe('trainWord2Vec', () => {
  const tiny = [
    ['the', 'whale', 'the', 'sea', 'the', 'ship'],
    ['a', 'whale', 'and', 'the', 'sea'],
  ];

  it('keeps words seen minCount times, most frequent first, and gives one vector each', () => {
    const model = trainWord2Vec(tiny, { minCount: 2, dimension: 8, epochs: 1 });
    expect(model.vocabulary.words).toEqual(['the', 'sea', 'whale']);
    expect(model.vectors.words).toEqual(['the', 'sea', 'whale']);
    expect(model.vectors.data.length).toBe(3 * 8);
    expect(model.outputVectors.length).toBe(3 * 8);
    expect(model.words).toBe(11);
    expect(model.options).toMatchObject({ ...WORD2VEC_DEFAULTS, minCount: 2, dimension: 8, epochs: 1 });
  });

  it('starts from uniform [-0.5, 0.5) / dimension input vectors and zero output vectors', () => {
    const model = trainWord2Vec(tiny, { minCount: 1, dimension: 10, epochs: 1, alpha: 1e-12, minAlpha: 0 });
    expect(Math.max(...model.vectors.data.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...model.vectors.data.map(Math.abs))).toBeGreaterThan(0.03);
    expect(Math.max(...model.outputVectors.map(Math.abs))).toBeLessThan(1e-9);
  });

  it('gives the same vectors for the same seed, other vectors for another seed', async () => {
    const sentences = await mobyDick(3000);
    const options = { dimension: 20, epochs: 2, skipGram: true };
    const a = trainWord2Vec(sentences, { ...options, seed: 7 });
    const b = trainWord2Vec(sentences, { ...options, seed: 7 });
    const c = trainWord2Vec(sentences, { ...options, seed: 8 });
    expect(b.vectors.data).toEqual(a.vectors.data);
    expect(b.outputVectors).toEqual(a.outputVectors);
    expect(c.vectors.data).not.toEqual(a.vectors.data);
  });

  it.each([
    ['skip-gram', true],
    ['CBOW', false],
  ])('%s: the objective falls epoch after epoch on 30,000 words of Moby Dick', async (_, skipGram) => {
    const model = trainWord2Vec(await mobyDick(30_000), { skipGram, dimension: 50, epochs: 4, computeLoss: true });
    expect(model.losses).toHaveLength(4);
    for (let epoch = 1; epoch < 4; epoch++) expect(model.losses[epoch]).toBeLessThan(model.losses[epoch - 1]);
    // 6 targets at sigmoid(0) cost 6 log 2 = 4.16 at the start.
    expect(model.losses[0]).toBeLessThan(6 * Math.LN2);
    expect(model.losses[3]).toBeLessThan(model.losses[0] * 0.95);
    expect(model.vectors.data.every(Number.isFinite)).toBe(true);
  });

  it('reports progress: words, rate, falling alpha, the epoch', async () => {
    const reports: Word2VecProgress[] = [];
    const model = trainWord2Vec(await mobyDick(3000), { dimension: 10, epochs: 3, onProgress: (progress) => reports.push(progress) });
    expect(reports.length).toBeGreaterThanOrEqual(3);
    const epochs = reports.map((report) => report.epoch);
    expect(new Set(epochs)).toEqual(new Set([0, 1, 2]));
    expect(epochs).toEqual([...epochs].sort());
    expect(reports.at(-1)).toMatchObject({ epochs: 3, progress: 1, words: model.words });
    expect(reports.at(-1)!.alpha).toBeCloseTo(1e-4, 10);
    expect(reports[0].alpha).toBeGreaterThan(reports.at(-1)!.alpha);
    expect(reports.at(-1)!.wordsPerSecond).toBeGreaterThan(0);
  });

  it('names the function and the option in its errors', () => {
    expect(() => trainWord2Vec(tiny, { window: 0 })).toThrow('trainWord2Vec: options.window must be an integer >= 1, got 0');
    expect(() => trainWord2Vec(tiny, { sample: 1 })).toThrow('trainWord2Vec: options.sample must be a number in [0, 1), got 1');
    expect(() => trainWord2Vec(tiny, { minAlpha: 0.1 })).toThrow('trainWord2Vec: options.minAlpha must be a number in [0, 0.025], got 0.1');
    expect(() => trainWord2Vec(tiny, { skipGram: 1 as unknown as boolean })).toThrow('trainWord2Vec: options.skipGram must be a boolean, got 1');
    expect(() => trainWord2Vec(tiny, { size: 5 } as never)).toThrow(/trainWord2Vec: unknown option 'size'; the options are dimension, window/);
    expect(() => trainWord2Vec(tiny)).toThrow(
      'trainWord2Vec: no word of the 11 words of sentences is seen options.minCount (5) times; lower minCount or give more text',
    );
    expect(() => trainWord2Vec('the whale' as never)).toThrow('trainWord2Vec: sentences must be an array of word arrays, got string');
    expect(() => trainWord2Vec([['a'], 'b c' as never])).toThrow('trainWord2Vec: sentences[1] must be an array of words, got string');
  });
});

describe('trainWord2VecParallel', () => {
  it('with one worker gives exactly the vectors of trainWord2Vec', async () => {
    const sentences = await mobyDick(5000);
    const options = { dimension: 16, epochs: 2, skipGram: true, computeLoss: true };
    const single = trainWord2Vec(sentences, options);
    const parallel = await trainWord2VecParallel(sentences, { ...options, workers: 1 });
    expect(parallel.vectors.data).toEqual(single.vectors.data);
    expect(parallel.outputVectors).toEqual(single.outputVectors);
    expect(parallel.losses).toEqual(single.losses);
    expect(parallel.words).toBe(single.words);
  });

  it('with three workers shares the weights: the objective falls and every word trains', async () => {
    const sentences = await mobyDick(20_000);
    const reports: Word2VecProgress[] = [];
    const model = await trainWord2VecParallel(sentences, {
      dimension: 20,
      epochs: 3,
      computeLoss: true,
      workers: 3,
      onProgress: (p) => reports.push(p),
    });
    expect(model.losses[2]).toBeLessThan(model.losses[0]);
    expect(model.words).toBe(3 * sentences.reduce((sum, sentence) => sum + sentence.length, 0));
    expect(reports.at(-1)).toMatchObject({ progress: 1, epoch: 2, epochs: 3 });
    const untouched = trainWord2Vec(sentences, { dimension: 20, epochs: 1, alpha: 1e-12, minAlpha: 0 });
    for (let id = 0; id < model.vocabulary.size; id++) {
      expect(model.vectors.vector(model.vocabulary.word(id))).not.toEqual(untouched.vectors.vector(model.vocabulary.word(id)));
    }
  });

  it('names the function and the option in its errors', async () => {
    await expect(trainWord2VecParallel([['a']], { workers: 0 })).rejects.toThrow(
      'trainWord2VecParallel: options.workers must be an integer >= 1, got 0',
    );
    await expect(trainWord2VecParallel([['a']], { negative: 0 })).rejects.toThrow(
      'trainWord2VecParallel: options.negative must be an integer >= 1, got 0',
    );
  });
});
