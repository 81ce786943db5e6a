import { assertInteger, assertPositiveNumber, type SeededRandom } from '@selfsup/core';
import { assertRandom } from './collator-checks.js';

/**
 * fairseq's span-length distribution for BART's text infilling (`DenoisingDataset`,
 * `--mask-length span-poisson`): Poisson(lambda) over k = 0, 1, 2, ..., cut after the first
 * k whose probability is below 1e-7 (at most 128 values) and renormalised, as a cumulative table.
 */
function poissonTable(lambda: number): Float64Array {
  const probabilities: number[] = [];
  let power = 1;
  let factorial = 1;
  for (let k = 0; k < 128; k++) {
    probabilities.push((Math.exp(-lambda) * power) / factorial);
    power *= lambda;
    factorial *= k + 1;
    if (probabilities[k] < 1e-7) break;
  }
  const total = probabilities.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(probabilities.length);
  let sum = 0;
  probabilities.forEach((p, k) => {
    sum += p / total;
    cumulative[k] = sum;
  });
  return cumulative;
}

const tables = new Map<number, Float64Array>();

/**
 * The lengths of BART's infilling spans for a budget of `budget` tokens (Lewis et al. 2020,
 * "BART: Denoising Sequence-to-Sequence Pre-training for Natural Language Generation,
 * Translation, and Comprehension", section 2.2), as fairseq's `add_whole_word_mask` draws
 * them: lengths from Poisson(lambda) (`poissonTable`) until they add up to at least
 * `budget`, the last one cut so that they add up to exactly `budget`, later ones dropped.
 * Zero lengths stay: each is a [MASK] inserted without removing anything.
 *
 * @returns Span lengths (zeros included) adding up to `budget`.
 *
 * @example
 * poissonSpanLengths(30, createRandom(0), 3); // e.g. [2, 4, 0, 3, ...], sum 30
 */
export function poissonSpanLengths(budget: number, random: SeededRandom, lambda: number): number[] {
  const fn = 'poissonSpanLengths';
  assertInteger(fn, 'budget', budget, 0);
  assertRandom(fn, random);
  assertPositiveNumber(fn, 'lambda', lambda);
  let table = tables.get(lambda);
  if (!table) {
    table = poissonTable(lambda);
    tables.set(lambda, table);
  }
  const lengths: number[] = [];
  let sum = 0;
  while (sum < budget) {
    const u = random.next();
    let k = 0;
    while (k < table.length - 1 && u >= table[k]) k++;
    lengths.push(Math.min(k, budget - sum));
    sum += lengths[lengths.length - 1];
  }
  return lengths;
}
