import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { BART_NOISE_DEFAULTS, bartNoise } from './bart-noise.js';
import { poissonSpanLengths } from './poisson-span-lengths.js';
import { textInfilling } from './text-infilling.js';

const BOS = 0;
const EOS = 2;
const MASK = 3;
const ids = { bosTokenId: BOS, eosTokenId: EOS, maskTokenId: MASK };
const off = { permuteSentenceRatio: 0, maskRatio: 0, deletionRatio: 0, rotateProbability: 0 };
const document = [
  [10, 11, 12],
  [20, 21],
  [30, 31, 32, 33],
];
const original = [BOS, 10, 11, 12, 20, 21, 30, 31, 32, 33, EOS];

describe('poissonSpanLengths (fairseq span-poisson)', () => {
  it('adds up to the budget exactly, the last length cut', () => {
    expect(poissonSpanLengths(10, createRandom(0), 3)).toEqual([2, 0, 2, 1, 3, 2]);
    expect(poissonSpanLengths(3, createRandom(0), 3)).toEqual([2, 0, 1]); // the third draw (2) cut to 1
    expect(poissonSpanLengths(0, createRandom(0), 3)).toEqual([]);
    for (let seed = 0; seed < 50; seed++) expect(poissonSpanLengths(37, createRandom(seed), 3).reduce((a, b) => a + b, 0)).toBe(37);
  });

  it('draws Poisson(3) lengths: mean 3 with the zeros, P(0) = e^-3, P(3) = 4.5 e^-3', () => {
    const lengths = poissonSpanLengths(600_000, createRandom(1), 3);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(Math.abs(mean - 3)).toBeLessThan(0.02); // 200,000 draws: sd of the mean 0.004
    const share = (k: number) => lengths.filter((length) => length === k).length / lengths.length;
    expect(Math.abs(share(0) - Math.exp(-3))).toBeLessThan(0.003);
    expect(Math.abs(share(3) - 4.5 * Math.exp(-3))).toBeLessThan(0.004);
  });
});

describe('textInfilling (fairseq add_whole_word_mask, replace-length 1)', () => {
  it('gives an exact output on a fixed seed, with a zero-length span inserting a [MASK]', () => {
    // 10 tokens between BOS and EOS: budget ceil(10 x 0.3) = 3, lengths [2, 0, 1] (above): two
    // spans and one insertion. The starts drawn are 19 (length 2, cut short by EOS) and 15
    // (length 1): each becomes one [MASK]; the insertion puts one more [MASK] before EOS.
    expect(
      textInfilling([BOS, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, EOS], createRandom(0), { maskTokenId: MASK, maskRatio: 0.3, poissonLambda: 3 }),
    ).toEqual([BOS, 10, 11, 12, 13, 14, MASK, 16, 17, 18, MASK, MASK, EOS]);
  });

  it('covers up to 30% of the tokens (about 27%), about one [MASK] per 3 tokens covered, and keeps order, BOS and EOS', () => {
    const random = createRandom(4);
    const inner = Array.from({ length: 1000 }, (_, i) => 100 + i);
    let covered = 0;
    let masks = 0;
    for (let i = 0; i < 50; i++) {
      const out = textInfilling([BOS, ...inner, EOS], random, { maskTokenId: MASK, maskRatio: 0.3, poissonLambda: 3 });
      expect(out[0]).toBe(BOS);
      expect(out[out.length - 1]).toBe(EOS);
      const kept = out.filter((id) => id >= 100);
      expect(kept).toEqual([...kept].sort((a, b) => a - b)); // a subsequence of the original
      covered += 1000 - kept.length;
      masks += out.filter((id) => id === MASK).length;
    }
    // Budget 300 per document, but spans run into one another (fairseq draws distinct starts,
    // not disjoint spans) and cover a token once: about 27% of the tokens are covered.
    expect(covered / 50_000).toBeGreaterThan(0.25);
    expect(covered / 50_000).toBeLessThanOrEqual(0.3);
    // 300 / 3 = 100 spans (zeros included) per document, less the [MASK]s of starts that an
    // earlier start's span deletes (about 82 remain).
    expect(masks / 50).toBeGreaterThan(75);
    expect(masks / 50).toBeLessThanOrEqual(101);
  });

  it('counts spans in words when given word starts', () => {
    // Words: (10 11) (12 13) (14 15) (16 17) (18 19): odd ids continue a word.
    const tokens = [BOS, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, EOS];
    for (let seed = 0; seed < 30; seed++) {
      const out = textInfilling(tokens, createRandom(seed), {
        maskTokenId: MASK,
        maskRatio: 0.4,
        poissonLambda: 3,
        isWordStart: (id) => id % 2 === 0,
      });
      // A span starts at a word start and removes whole words, except one cut by EOS.
      const kept = out.filter((id) => id >= 10);
      for (const id of kept) if (id % 2 === 1 && id !== 19) expect(kept.includes(id - 1) || out[out.indexOf(id) - 1] === MASK).toBe(true);
    }
  });
});

describe('bartNoise', () => {
  it('defaults are BART-large’s: infilling 30% with Poisson(3) and every sentence permuted', () => {
    expect(BART_NOISE_DEFAULTS).toEqual({ permuteSentenceRatio: 1, maskRatio: 0.3, poissonLambda: 3, deletionRatio: 0, rotateProbability: 0 });
  });

  it('gives an exact output on a fixed seed; the target is the original document', () => {
    // Sentences permuted to (20 21) (30 31 32 33) (10 11 12), then one span of 3 (budget
    // ceil(9 x 0.3) = 3) over 10 11 12 replaced by one [MASK].
    expect(bartNoise(document, createRandom(0), ids)).toEqual({ inputs: [BOS, 20, 21, 30, 31, 32, 33, MASK, EOS], targets: original });
    expect(bartNoise(document, createRandom(0), ids)).toEqual(bartNoise(document, createRandom(0), ids));
  });

  it('with every noise off, returns the document', () => {
    expect(bartNoise(document, createRandom(0), { ...ids, ...off })).toEqual({ inputs: original, targets: original });
  });

  it('sentence permutation: a permutation of whole sentences, every order about equally often', () => {
    const random = createRandom(2);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const { inputs } = bartNoise(document, random, { ...ids, ...off, permuteSentenceRatio: 1 });
      const order = [inputs[1], inputs[inputs.indexOf(inputs[1]) + (inputs[1] === 10 ? 3 : inputs[1] === 20 ? 2 : 4)]].join(' ');
      expect([...inputs].sort((a, b) => a - b)).toEqual([...original].sort((a, b) => a - b));
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });

  it('document rotation: the tokens between BOS and EOS rotated by an offset uniform over 1..T-1', () => {
    const random = createRandom(5);
    const inner = original.slice(1, -1);
    const offsets = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const { inputs } = bartNoise(document, random, { ...ids, ...off, rotateProbability: 1 });
      expect(inputs[0]).toBe(BOS);
      expect(inputs[inputs.length - 1]).toBe(EOS);
      const start = inner.indexOf(inputs[1]);
      expect(inputs.slice(1, -1)).toEqual([...inner.slice(start), ...inner.slice(0, start)]);
      offsets.set(start, (offsets.get(start) ?? 0) + 1);
    }
    // Offsets 1..10 (T = 11): offset 1 and offset 10 both leave the document as it is (start 0), as in fairseq.
    expect(offsets.get(0)).toBeGreaterThan(650);
    for (let start = 1; start < 9; start++) expect(Math.abs((offsets.get(start) ?? 0) - 400)).toBeLessThan(90);
  });

  it('token deletion: removes ceil(N x ratio) tokens, keeps the others in order', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { inputs } = bartNoise(document, createRandom(seed), { ...ids, ...off, deletionRatio: 0.3 });
      expect(inputs).toHaveLength(11 - 3);
      expect(inputs.filter((id) => original.includes(id))).toEqual(original.filter((id) => inputs.includes(id)));
    }
  });

  it('errors name the argument', () => {
    const r = createRandom(0);
    expect(() => bartNoise('text' as never, r, ids)).toThrow('bartNoise: sentences must be an array');
    expect(() => bartNoise([[1], [2, -1]], r, ids)).toThrow('bartNoise: sentences[1][1] must be a token id');
    expect(() => bartNoise(document, r, { ...ids, maskRatio: 2 })).toThrow('bartNoise: options.maskRatio must be a number in [0, 1], got 2');
    expect(() => bartNoise(document, r, { ...ids, poissonLambda: 0 })).toThrow('bartNoise: options.poissonLambda must be a finite number > 0');
    expect(() => bartNoise(document, r, { bosTokenId: 0, eosTokenId: 2 } as never)).toThrow(
      'bartNoise: options.maskTokenId must be an integer >= 0, got undefined',
    );
  });
});
