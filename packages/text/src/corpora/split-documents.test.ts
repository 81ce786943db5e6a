import { describe, expect, it } from 'vitest';
import { splitDocuments } from './split-documents.js';

describe('splitDocuments', () => {
  it('splits at blank lines by default, dropping empty parts', () => {
    expect(splitDocuments('One.\n\nTwo.\n \n\nThree.\n', { prefix: 'book#' })).toEqual([
      { id: 'book#0', text: 'One.' },
      { id: 'book#1', text: 'Two.' },
      { id: 'book#2', text: 'Three.' },
    ]);
  });

  it('splits at a given separator', () => {
    const book = 'CHAPTER 1. Loomings.\nCall me Ishmael.\nCHAPTER 2. The Carpet-Bag.\nI stuffed a shirt or two.';
    expect(splitDocuments(book, { separator: /^(?=CHAPTER \d+\.)/m }).map((d) => d.text)).toEqual([
      'CHAPTER 1. Loomings.\nCall me Ishmael.',
      'CHAPTER 2. The Carpet-Bag.\nI stuffed a shirt or two.',
    ]);
  });
});
