import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { countCooccurrences } from './count-cooccurrences.js';
import { fitGlove } from './fit-glove.js';
import { fitGloveParallel } from './fit-glove-parallel.js';

const vocabSize = 200;
const random = createRandom(5);
// Words i and i + 1 (mod 20) tend to follow each other, so the counts have structure to fit.
const matrix = countCooccurrences(
  Array.from({ length: 300 }, () => {
    let word = random.integer(vocabSize);
    return Int32Array.from({ length: 30 }, () => (word = random.next() < 0.7 ? (word + 1) % vocabSize : random.integer(vocabSize)));
  }),
  vocabSize,
  { windowSize: 5 },
);

describe('fitGloveParallel (Node worker threads, Hogwild)', () => {
  it('with one thread runs exactly fitGlove', { timeout: 60_000 }, async () => {
    const options = { vectorSize: 8, epochs: 3, seed: 2 };
    const parallel = await fitGloveParallel(matrix, { ...options, threads: 1 });
    const single = fitGlove(matrix, options);
    expect(parallel.parameters.weights).toEqual(single.parameters.weights);
    expect(parallel.costs).toEqual(single.costs);
  });

  it('with two threads lowers the cost like one thread does, and reports each epoch', { timeout: 60_000 }, async () => {
    const epochs: number[] = [];
    const parallel = await fitGloveParallel(matrix, { vectorSize: 8, epochs: 6, threads: 2, onEpoch: (p) => epochs.push(p.epoch) });
    const single = fitGlove(matrix, { vectorSize: 8, epochs: 6 });
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parallel.costs.at(-1)!).toBeLessThan(0.8 * parallel.costs[0]);
    expect(Math.abs(parallel.costs.at(-1)! - single.costs.at(-1)!)).toBeLessThan(0.05 * single.costs.at(-1)!);
  });

  it('continues given parameters in place', { timeout: 60_000 }, async () => {
    const first = fitGlove(matrix, { vectorSize: 4, epochs: 1, seed: 1 });
    const result = await fitGloveParallel(matrix, { vectorSize: 4, epochs: 1, seed: 1, firstEpoch: 1, parameters: first.parameters, threads: 1 });
    expect(result.parameters).toBe(first.parameters);
    expect(result.parameters.weights).toEqual(fitGlove(matrix, { vectorSize: 4, epochs: 2, seed: 1 }).parameters.weights);
  });

  it('names the function and the option in its errors', async () => {
    await expect(fitGloveParallel(matrix, { threads: 0 })).rejects.toThrow('fitGloveParallel: options.threads must be an integer >= 1, got 0');
    await expect(fitGloveParallel(matrix, { alpha: -1 })).rejects.toThrow('fitGloveParallel: options.alpha must be a finite number > 0, got -1');
  });
});
