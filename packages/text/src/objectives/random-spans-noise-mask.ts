import { assertFiniteNumber, assertInteger, type SeededRandom, shuffleInPlace } from '@selfsup/core';
import { assertRandom } from './collator-checks.js';
import { roundHalfEven } from './round-half-even.js';

/** Defaults of `randomSpansNoiseMask` and `spanCorruption`: T5's (Raffel et al. 2020, section 3.7 / 3.3.4). */
export const RANDOM_SPANS_DEFAULTS = Object.freeze({
  /** Share of the tokens corrupted: T5's 15%. */
  noiseDensity: 0.15,
  /** Mean length of a corrupted span: T5's 3. */
  meanNoiseSpanLength: 3,
});

export interface RandomSpansOptions {
  noiseDensity?: number;
  meanNoiseSpanLength?: number;
}

/** How many tokens and spans `randomSpansNoiseMask` corrupts: fixed by the length, not drawn. */
export interface NoiseSpanCounts {
  noiseTokens: number;
  noiseSpans: number;
  nonNoiseTokens: number;
}

const f32 = Math.fround;

/**
 * The counts of T5's `random_spans_noise_mask` (t5/data/preprocessors.py), in its float32
 * arithmetic and rounding (`tf.round`, halves to even):
 *
 *   n = max(length, 2)
 *   noiseTokens = min(max(round(n x noiseDensity), 1), n - 1)
 *   noiseSpans = max(round(noiseTokens / meanNoiseSpanLength), 1)
 *   nonNoiseTokens = n - noiseTokens
 *
 * @example
 * noiseSpanCounts(512); // { noiseTokens: 77, noiseSpans: 26, nonNoiseTokens: 435 }
 */
export function noiseSpanCounts(length: number, options: RandomSpansOptions = {}): NoiseSpanCounts {
  const fn = 'noiseSpanCounts';
  const noiseDensity = options.noiseDensity ?? RANDOM_SPANS_DEFAULTS.noiseDensity;
  const meanNoiseSpanLength = options.meanNoiseSpanLength ?? RANDOM_SPANS_DEFAULTS.meanNoiseSpanLength;
  assertInteger(fn, 'length', length, 0);
  assertFiniteNumber(fn, 'options.noiseDensity', noiseDensity, { min: 0, max: 1, maxExclusive: true });
  assertFiniteNumber(fn, 'options.meanNoiseSpanLength', meanNoiseSpanLength, { min: 1 });
  const n = Math.max(length, 2);
  const noiseTokens = Math.min(Math.max(roundHalfEven(f32(f32(n) * f32(noiseDensity))), 1), n - 1);
  const noiseSpans = Math.max(roundHalfEven(f32(f32(noiseTokens) / f32(meanNoiseSpanLength))), 1);
  return { noiseTokens, noiseSpans, nonNoiseTokens: n - noiseTokens };
}

/**
 * T5's `_random_segmentation`: splits `items` into `segments` non-empty runs, uniformly
 * over all such splits: shuffle (`shuffleInPlace`) a list of items - 1 flags of which
 * segments - 1 are 1 (a new segment starts after this item), and read the run lengths.
 */
function randomSegmentation(items: number, segments: number, random: SeededRandom): number[] {
  const flags = Array.from({ length: items - 1 }, (_, i) => (i < segments - 1 ? 1 : 0));
  shuffleInPlace(flags, random);
  const lengths = [1];
  for (const flag of flags) {
    if (flag) lengths.push(1);
    else lengths[lengths.length - 1]++;
  }
  return lengths;
}

/**
 * Which tokens T5's span corruption replaces (Raffel et al. 2020, "Exploring the Limits of
 * Transfer Learning with a Unified Text-to-Text Transformer", section 3.1.4): the exact
 * procedure of T5's `random_spans_noise_mask` without `random_roll`.
 *
 * The numbers of noise tokens and spans are fixed by the length (`noiseSpanCounts`); the
 * noise tokens are split into that many non-empty spans by a uniformly random partition,
 * the other tokens likewise (noise first, then non-noise, from `random`), and the spans
 * interleave starting with non-noise: [keep, noise, keep, noise, ...], so the mask always
 * starts with kept tokens and ends with noise.
 *
 * @param length Tokens in the sequence.
 * @returns 1 for a noise token, 0 otherwise, [length].
 *
 * @example
 * const mask = randomSpansNoiseMask(20, createRandom(0)); // 3 noise tokens in 1 span
 */
export function randomSpansNoiseMask(length: number, random: SeededRandom, options: RandomSpansOptions = {}): Uint8Array {
  const fn = 'randomSpansNoiseMask';
  assertRandom(fn, random);
  const { noiseTokens, noiseSpans, nonNoiseTokens } = noiseSpanCounts(length, options);
  if ((options.noiseDensity ?? RANDOM_SPANS_DEFAULTS.noiseDensity) === 0) return new Uint8Array(length);
  if (noiseSpans > nonNoiseTokens) {
    throw new Error(
      `${fn}: ${noiseSpans} noise spans need as many kept tokens between them, but length ${length} leaves ${nonNoiseTokens}: lower options.noiseDensity or raise options.meanNoiseSpanLength`,
    );
  }
  const noiseLengths = randomSegmentation(noiseTokens, noiseSpans, random);
  const keptLengths = randomSegmentation(nonNoiseTokens, noiseSpans, random);
  const mask = new Uint8Array(Math.max(length, 2));
  let position = 0;
  for (let span = 0; span < noiseSpans; span++) {
    position += keptLengths[span];
    mask.fill(1, position, position + noiseLengths[span]);
    position += noiseLengths[span];
  }
  return mask.slice(0, length);
}
