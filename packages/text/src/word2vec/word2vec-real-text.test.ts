// Word2Vec on a whole real book: skip-gram on Moby Dick (218,938 words) on worker threads.
// The assertions are loose on purpose (a few related words among ten neighbours), and held
// for seeds 1, 2 and 3 when written.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { trainWord2VecParallel } from './train-word2vec-parallel.js';
import type { Word2VecModel } from './word2vec-model.js';
import { wordSentences } from './word-tokens.js';

describe('Word2Vec skip-gram on Moby Dick', () => {
  let model: Word2VecModel;
  const neighbours = (word: string) => model.vectors.mostSimilar(word, 10).map((neighbour) => neighbour.word);
  const among = (word: string, related: string[]) => neighbours(word).filter((neighbour) => related.includes(neighbour));

  beforeAll(async () => {
    model = await trainWord2VecParallel(wordSentences(await loadMobyDick()), { skipGram: true, epochs: 3, dimension: 50, seed: 1 });
  }, 180_000);

  it('learns a vocabulary of the book (min count 5)', () => {
    expect(model.vocabulary.size).toBeGreaterThan(4000);
    expect(model.vocabulary.words.slice(0, 3)).toEqual(['the', 'of', 'and']);
  });

  it('puts numbers near numbers, the mates near the captain, kinds of whale near the whale', () => {
    expect(
      among('three', ['two', 'four', 'five', 'six', 'seven', 'eight', 'ten', 'twenty', 'thirty', 'hundred', 'thousand']).length,
    ).toBeGreaterThanOrEqual(2);
    expect(among('captain', ['ahab', 'starbuck', 'stubb', 'flask', 'peleg', 'bildad', 'queequeg', 'mate']).length).toBeGreaterThanOrEqual(2);
    expect(among('whale', ['sperm', 'right', 'greenland', 'leviathan', 'fishery', 'fish', 'whales']).length).toBeGreaterThanOrEqual(2);
  });
});
