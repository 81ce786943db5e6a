import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';

describe('splitSentences', () => {
  it('ends sentences at . ! ? before a capital, a digit or an opening quote, and at blank lines', () => {
    expect(splitSentences('Call me Ishmael. Some years ago, Mr. Bulkington sailed!\n\nThe end')).toEqual([
      'Call me Ishmael.',
      'Some years ago, Mr. Bulkington sailed!',
      'The end',
    ]);
    expect(splitSentences('"Is it?" he asked. "Yes." 1851 was the year. it goes on')).toEqual([
      '"Is it?" he asked.',
      '"Yes."',
      '1851 was the year. it goes on',
    ]);
  });

  it('keeps abbreviations and initials, and joins wrapped lines', () => {
    expect(splitSentences('Dr. Ahab met J. R. Starbuck, e.g. St. Paul. Then\nthey sailed.')).toEqual([
      'Dr. Ahab met J. R. Starbuck, e.g. St. Paul.',
      'Then they sailed.',
    ]);
  });

  it('gives nothing for empty text and names a wrong type', () => {
    expect(splitSentences(' \n\n ')).toEqual([]);
    expect(() => splitSentences(3 as unknown as string)).toThrow('splitSentences: text must be a string, got number');
  });
});
