import { describe, expect, it } from 'vitest';
import { encodeSentences, splitSentenceRanges } from './encode-sentences.js';
import { Vocabulary } from '../vocabulary/vocabulary.js';
import { wordSentences, wordTokens } from './word-tokens.js';

describe('wordTokens and wordSentences', () => {
  it('lower-cases and splits on every character that is not a letter', () => {
    expect(wordTokens("The Union, in 1790: strong! Don't — café Æsir")).toEqual(['the', 'union', 'in', 'strong', 'don', 't', 'café', 'æsir']);
    expect(wordTokens('1790 -- 42')).toEqual([]);
  });

  it('splits documents into sentences of words, dropping sentences without a word', () => {
    expect(wordSentences(['Call me Ishmael. Some years ago, I sailed.\n\n1851.', { id: 'x', text: 'The End.' }])).toEqual([
      ['call', 'me', 'ishmael'],
      ['some', 'years', 'ago', 'i', 'sailed'],
      ['the', 'end'],
    ]);
    expect(() => wordSentences([3 as never])).toThrow('wordSentences: documents[0] must be a string or a TextDocument, got number');
    expect(() => wordTokens(null as never)).toThrow('wordTokens: text must be a string, got object');
  });
});

describe('encodeSentences and splitSentenceRanges', () => {
  it('drops unknown words but counts them as raw words', () => {
    const encoded = encodeSentences(
      [
        ['a', 'x', 'b'],
        ['x', 'x'],
        ['b', 'a'],
      ],
      new Vocabulary(['a', 'b'], [2, 2]),
    );
    expect(Array.from(encoded.ids)).toEqual([0, 1, 1, 0]);
    expect(Array.from(encoded.starts)).toEqual([0, 2, 2, 4]);
    expect(Array.from(encoded.rawWords)).toEqual([3, 2, 2]);
    expect(encoded.totalRawWords).toBe(7);
  });

  it('splits sentences into consecutive ranges of about as many words, every sentence once', () => {
    expect(splitSentenceRanges(Int32Array.of(5, 5, 5, 5), 2)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(splitSentenceRanges(Int32Array.of(10, 1, 1, 1, 1, 10), 2)).toEqual([
      [0, 3],
      [3, 6],
    ]);
    // More parts than sentences: some parts are empty.
    expect(splitSentenceRanges(Int32Array.of(3), 3)).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(() => splitSentenceRanges(Int32Array.of(1), 0)).toThrow('splitSentenceRanges: parts must be an integer >= 1, got 0');
  });
});
