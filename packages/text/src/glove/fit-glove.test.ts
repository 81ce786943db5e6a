import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { countCooccurrences } from './count-cooccurrences.js';
import { fitGlove } from './fit-glove.js';
import { gloveEpochOrder } from './glove-epoch-order.js';
import { gloveEntry, gloveEntryGradients } from './glove-objective.js';
import type { GloveProgress } from './glove-options.js';
import { GloveParameters } from './glove-parameters.js';

const vocabSize = 30;
const random = createRandom(12);
const matrix = countCooccurrences(
  Array.from({ length: 40 }, () => Int32Array.from({ length: 12 }, () => random.integer(vocabSize))),
  vocabSize,
  { windowSize: 4 },
);

/**
 * The textbook float64 reference: per entry, the gradients of 0.5 f diff^2 (gloveEntryGradients),
 * vector components clipped and scaled by the learning rate, AdaGrad with sums starting at 1.
 */
function referenceFit(epochs: number, vectorSize: number, seed: number): { weights: Float64Array; costs: number[] } {
  const { weights, gradsq } = GloveParameters.random(vocabSize, vectorSize, seed);
  const stride = vectorSize + 1;
  const costs: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let sum = 0;
    for (const e of gloveEpochOrder(matrix.values.length, seed, epoch)) {
      const [i, j] = [matrix.rows[e] * stride, (vocabSize + matrix.columns[e]) * stride];
      const word = weights.slice(i, i + vectorSize);
      const context = weights.slice(j, j + vectorSize);
      const args = [word, context, weights[i + vectorSize], weights[j + vectorSize], matrix.values[e]] as const;
      sum += gloveEntry(...args).cost;
      const gradients = gloveEntryGradients(...args);
      for (let b = 0; b < vectorSize; b++) {
        const stepWord = Math.min(Math.max(gradients.word[b], -100), 100) * 0.05;
        const stepContext = Math.min(Math.max(gradients.context[b], -100), 100) * 0.05;
        weights[i + b] -= stepWord / Math.sqrt(gradsq[i + b]);
        weights[j + b] -= stepContext / Math.sqrt(gradsq[j + b]);
        gradsq[i + b] += stepWord ** 2;
        gradsq[j + b] += stepContext ** 2;
      }
      for (const at of [i + vectorSize, j + vectorSize]) {
        weights[at] -= gradients.bias / Math.sqrt(gradsq[at]);
        gradsq[at] += gradients.bias ** 2;
      }
    }
    costs.push(sum / matrix.values.length);
  }
  return { weights, costs };
}

describe('fitGlove', () => {
  it('runs the same steps as a float64 reference built on gloveEntryGradients', () => {
    const { parameters, costs } = fitGlove(matrix, { vectorSize: 5, epochs: 3, seed: 7 });
    const reference = referenceFit(3, 5, 7);
    let worst = 0;
    for (let a = 0; a < reference.weights.length; a++) worst = Math.max(worst, Math.abs(parameters.weights[a] - reference.weights[a]));
    expect(worst).toBeLessThan(1e-12);
    for (let e = 0; e < 3; e++) expect(costs[e]).toBeCloseTo(reference.costs[e], 12);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const run = (seed: number) => fitGlove(matrix, { vectorSize: 4, epochs: 2, seed });
    expect(run(3).parameters.weights).toEqual(run(3).parameters.weights);
    expect(run(3).costs).toEqual(run(3).costs);
    expect(run(4).parameters.weights).not.toEqual(run(3).parameters.weights);
  });

  it('continues exactly: 2 epochs, then 1 from firstEpoch 2 with those parameters, is 3 epochs', () => {
    const first = fitGlove(matrix, { vectorSize: 4, epochs: 2, seed: 1 });
    const resumed = fitGlove(matrix, { vectorSize: 4, epochs: 1, seed: 1, firstEpoch: 2, parameters: first.parameters });
    const straight = fitGlove(matrix, { vectorSize: 4, epochs: 3, seed: 1 });
    expect(resumed.parameters.weights).toEqual(straight.parameters.weights);
    expect(resumed.costs[0]).toBe(straight.costs[2]);
  });

  it('reports each epoch: number, cost, entries per second', () => {
    const seen: GloveProgress[] = [];
    const { costs } = fitGlove(matrix, { vectorSize: 4, epochs: 3, onEpoch: (progress) => seen.push(progress) });
    expect(seen.map((p) => [p.epoch, p.epochs, p.cost])).toEqual(costs.map((cost, e) => [e + 1, 3, cost]));
    expect(seen.every((p) => p.entriesPerSecond > 0 && p.seconds >= 0)).toBe(true);
  });

  it('names the function and the option in its errors', () => {
    expect(() => fitGlove(matrix, { xMax: 0 })).toThrow('fitGlove: options.xMax must be a finite number > 0, got 0');
    expect(() => fitGlove(matrix, { epochs: 1.5 })).toThrow('fitGlove: options.epochs must be an integer >= 0, got 1.5');
    expect(() => fitGlove(matrix, { vectorSize: 0 })).toThrow(/fitGlove: options.vectorSize must be an integer >= 1/);
    expect(() => fitGlove(matrix, { onEpoch: 3 as never })).toThrow(/fitGlove: options.onEpoch must be a function/);
    expect(() => fitGlove({ ...matrix, values: new Float64Array(0), rows: new Int32Array(0), columns: new Int32Array(0) })).toThrow(
      /fitGlove: matrix must have nonzero entries/,
    );
    expect(() => fitGlove({} as never)).toThrow(/fitGlove: matrix must be a CooccurrenceMatrix/);
    expect(() => fitGlove(matrix, { vectorSize: 4, parameters: GloveParameters.random(vocabSize, 5, 0) })).toThrow(
      'fitGlove: options.parameters must be 30 words x 4, got 30 x 5',
    );
  });
});

describe('gloveEpochOrder', () => {
  it('is a seeded permutation, new each epoch', () => {
    const order = gloveEpochOrder(1000, 5, 0);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(gloveEpochOrder(1000, 5, 0)).toEqual(order);
    expect(gloveEpochOrder(1000, 5, 1)).not.toEqual(order);
    expect(gloveEpochOrder(1000, 6, 0)).not.toEqual(order);
    expect(() => gloveEpochOrder(10, 0, 0, new Uint32Array(3))).toThrow('gloveEpochOrder: into must be a Uint32Array of 10, got 3');
  });
});
