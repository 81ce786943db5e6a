import { describe, expect, it } from 'vitest';
import { evaluateAnalogies, parseAnalogies } from './evaluate-analogies.js';
import { WordVectors } from './word-vectors.js';

// Two directions: "royal" (x) and "female" (y), plus noise words.
const words = ['man', 'woman', 'king', 'queen', 'boy', 'girl', 'prince', 'Queen', 'tree'];
const rows = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
  [0, 0, 0.9],
  [0, 1.1, 0.9],
  [0.9, 0, 1],
  [1, 1, 1.01],
  [-1, -1, 0.2],
];
const vectors = new WordVectors(words, 3, Float32Array.from(rows.flat()));

describe('parseAnalogies', () => {
  it("reads ': section' lines and 'a b c d' lines, skipping blank lines", () => {
    expect(parseAnalogies(': family\nman woman king queen\n\n: other\nboy girl prince princess\n')).toEqual([
      { section: 'family', a: 'man', b: 'woman', c: 'king', expected: 'queen' },
      { section: 'other', a: 'boy', b: 'girl', c: 'prince', expected: 'princess' },
    ]);
  });

  it('names the line of a malformed file', () => {
    expect(() => parseAnalogies(': s\nman woman king\n')).toThrow(
      "parseAnalogies: line 2 must be ': section' or four words 'a b c d', got 'man woman king'",
    );
    expect(() => parseAnalogies('man woman king queen\n')).toThrow("parseAnalogies: line 1 comes before the first ': section' line");
  });
});

describe('evaluateAnalogies', () => {
  it("answers with the best 3CosAdd word that is not a, b or c, as gensim's evaluate_word_analogies", () => {
    const result = evaluateAnalogies(
      vectors,
      parseAnalogies(': family\nman woman king queen\nman king woman queen\nboy girl man woman\n: trees\nman woman tree king\n'),
    );
    expect(result.sections).toEqual([
      { section: 'family', correct: 3, incorrect: 0, accuracy: 1 },
      { section: 'trees', correct: 0, incorrect: 1, accuracy: 0 },
    ]);
    expect(result).toMatchObject({ section: 'total', correct: 3, incorrect: 1, accuracy: 0.75, skipped: 0 });
  });

  it('skips questions with a word outside the first restrictVocab words, and compares case-insensitively', () => {
    const questions = parseAnalogies(': s\nMAN WOMAN KING QUEEN\nman woman king prince\nboy girl prince queen\n');
    // 'Queen' (row 7) differs from 'queen' only in case: the more frequent 'queen' stands for both.
    expect(evaluateAnalogies(vectors, questions)).toMatchObject({ correct: 2, incorrect: 1, skipped: 0 });
    expect(evaluateAnalogies(vectors, questions, { restrictVocab: 6 })).toMatchObject({ correct: 1, incorrect: 0, skipped: 2 });
    expect(evaluateAnalogies(vectors, questions, { caseInsensitive: false })).toMatchObject({ correct: 1, incorrect: 1, skipped: 1 });
    expect(() => evaluateAnalogies(vectors, questions, { restrictVocab: 0 })).toThrow(
      'evaluateAnalogies: options.restrictVocab must be an integer >= 1, got 0',
    );
  });
});
