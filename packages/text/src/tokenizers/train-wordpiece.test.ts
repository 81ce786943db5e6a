import { describe, expect, it } from 'vitest';
import { mobyDickSentences } from '../../test/real-sentences.js';
import { TextTokenizer } from './text-tokenizer.js';
import { trainWordPiece } from './train-wordpiece.js';

describe('trainWordPiece', () => {
  it('puts the BERT special tokens first, then the alphabet with ## continuations, then merges', () => {
    const files = trainWordPiece(['ship ship ships shop'], { vocabSize: 17, minFrequency: 1 });
    const tokens = Object.keys(files.tokenizer.model.vocab);
    expect(tokens.slice(0, 5)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    expect(tokens.slice(5, 11)).toEqual(['##h', '##i', '##o', '##p', '##s', 's']);
    // sh (4), ##ip (3), ship (3), then three pairs seen once: the smallest ids first.
    expect(tokens.slice(11)).toEqual(['sh', '##ip', 'ship', '##op', 'shop', 'ships']);
    const tokenizer = TextTokenizer.fromFiles(files);
    expect(tokenizer.tokenize('Ships SHOP shh sip x')).toEqual(['ships', 'shop', 'sh', '##h', 's', '##ip', '[UNK]']);
    expect(tokenizer.encode('ship')).toEqual([2, 13, 3]);
  });

  it('on Moby Dick: lower-cased words, [CLS] ... [SEP]', async () => {
    const tokenizer = TextTokenizer.fromFiles(trainWordPiece(await mobyDickSentences(), { vocabSize: 2000 }));
    expect(tokenizer.vocabSize).toBe(2000);
    expect(tokenizer.tokenize('Call me Ishmael.')).toEqual(['call', 'me', 'is', '##h', '##m', '##a', '##el', '.']);
    expect(tokenizer.encode('Call me Ishmael.')).toEqual([2, 567, 216, 164, 24, 29, 17, 238, 57, 3]);
    expect(tokenizer.decode(tokenizer.encode('Call me Ishmael.'), { skipSpecialTokens: true })).toBe('call me ishmael.');
  });

  it('checks vocabSize', () => {
    expect(() => trainWordPiece(['a'], { vocabSize: 5 })).toThrow('trainWordPiece: vocabSize must be an integer above 5, got 5');
  });
});
