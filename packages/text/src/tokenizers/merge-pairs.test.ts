import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { learnMerges } from './merge-pairs.js';

/** The textbook loop: recount every pair after every merge, best = highest count, then smallest ids. */
function naiveMerges(words: [string[], number][], initial: string[], vocabSize: number, minFrequency: number, prefix?: string) {
  const tokens = [...initial];
  const ids = new Map(tokens.map((t, i) => [t, i]));
  let current = words.map(([symbols, count]) => [symbols.map((s) => ids.get(s)!), count] as [number[], number]);
  const merges: [string, string][] = [];
  while (tokens.length < vocabSize) {
    const counts = new Map<string, number>();
    for (const [s, count] of current)
      for (let i = 0; i + 1 < s.length; i++) counts.set(`${s[i]},${s[i + 1]}`, (counts.get(`${s[i]},${s[i + 1]}`) ?? 0) + count);
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [key, count] of counts) {
      const [a, b] = key.split(',').map(Number);
      if (count > bestCount || (count === bestCount && best && (a < best[0] || (a === best[0] && b < best[1])))) {
        best = [a, b];
        bestCount = count;
      }
    }
    if (!best || bestCount < Math.max(1, minFrequency)) break;
    const [a, b] = best;
    const right = tokens[b];
    const text = tokens[a] + (prefix && right.startsWith(prefix) ? right.slice(prefix.length) : right);
    let id = ids.get(text);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(text);
      ids.set(text, id);
    }
    merges.push([tokens[a], right]);
    current = current.map(([s, count]) => {
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          out.push(id);
          i++;
        } else out.push(s[i]);
      }
      return [out, count];
    });
  }
  return { tokens, merges };
}

describe('learnMerges', () => {
  it("learns Sennrich et al.'s example: low x5, lower x2, newest x6, widest x3", () => {
    const words: [string[], number][] = [
      [[...'low'], 5],
      [[...'lower'], 2],
      [[...'newest'], 6],
      [[...'widest'], 3],
    ];
    const alphabet = [...new Set('lowernewestwidest')].sort();
    const { merges, tokens } = learnMerges(words, alphabet, { vocabSize: alphabet.length + 4 });
    // e s (9), es t (9), l o (7), lo w (7): ties broken by the smaller ids ('e' < 'l').
    expect(merges).toEqual([
      ['e', 's'],
      ['es', 't'],
      ['l', 'o'],
      ['lo', 'w'],
    ]);
    expect(tokens.slice(alphabet.length)).toEqual(['es', 'est', 'lo', 'low']);
  });

  it('equals the naive recount loop on random corpora, with and without a continuing-subword prefix', () => {
    const random = createRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const letters = 'abcde'.slice(0, 2 + random.integer(4));
      const words: [string[], number][] = Array.from({ length: 1 + random.integer(30) }, () => {
        const length = 1 + random.integer(8);
        return [Array.from({ length }, () => letters[random.integer(letters.length)]), 1 + random.integer(5)];
      });
      const alphabet = [...letters];
      const minFrequency = 1 + random.integer(3);
      expect(learnMerges(words, alphabet, { vocabSize: 40, minFrequency })).toEqual(naiveMerges(words, alphabet, 40, minFrequency));
      const prefixed: [string[], number][] = words.map(([s, c]) => [s.map((x, i) => (i === 0 ? x : `##${x}`)), c]);
      const prefixedAlphabet = [...alphabet, ...alphabet.map((x) => `##${x}`)].sort();
      expect(learnMerges(prefixed, prefixedAlphabet, { vocabSize: 60, minFrequency: 1, continuingSubwordPrefix: '##' })).toEqual(
        naiveMerges(prefixed, prefixedAlphabet, 60, 1, '##'),
      );
    }
  });

  it('stops at minFrequency and at vocabSize', () => {
    const words: [string[], number][] = [
      [['a', 'b'], 3],
      [['c', 'd'], 1],
    ];
    expect(learnMerges(words, ['a', 'b', 'c', 'd'], { vocabSize: 10, minFrequency: 2 }).merges).toEqual([['a', 'b']]);
    expect(learnMerges(words, ['a', 'b', 'c', 'd'], { vocabSize: 10, minFrequency: 1 }).merges).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(learnMerges(words, ['a', 'b', 'c', 'd'], { vocabSize: 5, minFrequency: 1 }).tokens).toEqual(['a', 'b', 'c', 'd', 'ab']);
  });

  it('merges a WordPiece continuation without its prefix', () => {
    const { tokens } = learnMerges([[['s', '##h', '##i', '##p'], 4]], ['##h', '##i', '##p', 's'], { vocabSize: 7, continuingSubwordPrefix: '##' });
    // ('##h', '##i') has the smallest ids of the three tied pairs; 's' + '##hi' is 'shi'.
    expect(tokens.slice(4)).toEqual(['##hi', 'shi', 'ship']);
  });

  it('names a symbol missing from the initial tokens and a bad vocabSize', () => {
    expect(() => learnMerges([[['x'], 1]], ['a'], { vocabSize: 3 })).toThrow("learnMerges: the symbol 'x' is not among the initial tokens");
    expect(() => learnMerges([], ['a'], { vocabSize: 0 })).toThrow('learnMerges: vocabSize must be a positive integer, got 0');
  });
});
