import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { SPAN_CORRUPTION_DEFAULTS, spanCorruption, spanCorruptionFromMask } from './span-corruption.js';

/** Puts the spans of the targets back in place of the sentinels of the inputs. */
function reconstruct(inputs: number[], targets: number[], vocabSize: number, sentinelCount: number): number[] {
  const isSentinel = (id: number) => id >= vocabSize - sentinelCount;
  const spans = new Map<number, number[]>();
  let current = -1;
  for (const id of targets) {
    if (isSentinel(id)) {
      current = id;
      spans.set(id, []);
    } else spans.get(current)?.push(id);
  }
  return inputs.flatMap((id) => (isSentinel(id) ? (spans.get(id) ?? []) : [id]));
}

describe('spanCorruptionFromMask (T5 noise_span_to_unique_sentinel / nonnoise_span_to_unique_sentinel)', () => {
  it('replaces each noise span by one sentinel from the top of the vocabulary', () => {
    // tokens 10..15, noise at 1-2 and 4; <extra_id_0> = 99, <extra_id_1> = 98, <extra_id_2> = 97
    const out = spanCorruptionFromMask([10, 11, 12, 13, 14, 15], Uint8Array.of(0, 1, 1, 0, 1, 0), { vocabSize: 100, sentinelCount: 10 });
    expect(out.inputs).toEqual([10, 99, 13, 98, 15]);
    // Kept spans become sentinels in the targets: a final sentinel because the sequence ends kept (the paper's Figure 2).
    expect(out.targets).toEqual([99, 11, 12, 98, 14, 97]);
  });

  it('ends the targets with the last span when the noise ends the sequence, and appends EOS to both', () => {
    const out = spanCorruptionFromMask([10, 11, 12, 13, 14], Uint8Array.of(0, 1, 0, 1, 1), { vocabSize: 100, sentinelCount: 10, eosTokenId: 1 });
    expect(out.inputs).toEqual([10, 99, 12, 98, 1]);
    expect(out.targets).toEqual([99, 11, 98, 13, 14, 1]);
  });
});

describe('spanCorruption', () => {
  it('defaults are T5’s', () => {
    expect(SPAN_CORRUPTION_DEFAULTS).toEqual({ noiseDensity: 0.15, meanNoiseSpanLength: 3, sentinelCount: 100 });
  });

  it('gives exact outputs on a fixed seed', () => {
    const tokens = Array.from({ length: 20 }, (_, i) => 10 + i);
    const out = spanCorruption(tokens, createRandom(0), { vocabSize: 200, eosTokenId: 1 });
    // randomSpansNoiseMask(20, seed 0) is 17 kept then 3 noise (its test).
    expect(out.inputs).toEqual([...tokens.slice(0, 17), 199, 1]);
    expect(out.targets).toEqual([199, 27, 28, 29, 1]);
  });

  it('inputs and targets rebuild the sequence; lengths are n - noise + spans and noise + spans (568 -> 512 + EOS and 114)', () => {
    const vocabSize = 32_100;
    const random = createRandom(3);
    for (let i = 0; i < 20; i++) {
      const tokens = Array.from({ length: 568 }, () => random.integer(32_000));
      const { inputs, targets } = spanCorruption(tokens, random, { vocabSize, eosTokenId: 1 });
      expect(inputs).toHaveLength(568 - 85 + 28 + 1);
      expect(targets).toHaveLength(85 + 28 + 1);
      expect(targets.slice(0, 1)).toEqual([32_099]); // <extra_id_0>
      expect(inputs.filter((id) => id >= 32_000)).toEqual(Array.from({ length: 28 }, (_, s) => 32_099 - s));
      expect(reconstruct(inputs.slice(0, -1), targets.slice(0, -1), vocabSize, 100)).toEqual(tokens);
    }
  });

  it('errors name the argument', () => {
    const r = createRandom(0);
    expect(() => spanCorruption([5, 6], r, {} as never)).toThrow('spanCorruption: options.vocabSize must be an integer >= 1');
    expect(() => spanCorruption([5, 150], r, { vocabSize: 200 })).toThrow('tokenIds[1] is 150, among the sentinel ids [100, 200)');
    expect(() => spanCorruption([5, 'a' as never], r, { vocabSize: 200 })).toThrow('spanCorruption: tokenIds[1] must be a token id');
    expect(() => spanCorruption(new Array(1000).fill(5), r, { vocabSize: 200, sentinelCount: 10 })).toThrow(
      '50 spans need 50 sentinels, more than options.sentinelCount (10)',
    );
    expect(() => spanCorruptionFromMask([5, 6], [1], { vocabSize: 200 })).toThrow(
      'spanCorruptionFromMask: noiseMask must have one entry per token (2), got length 1',
    );
  });
});
