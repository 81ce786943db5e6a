import { describe, expect, it } from 'vitest';
import { mobyDickSentences } from '../../test/real-sentences.js';
import { TextTokenizer } from './text-tokenizer.js';
import { trainByteLevelBpe } from './train-byte-level-bpe.js';

describe('trainByteLevelBpe', () => {
  it('learns the merges of a small corpus exactly (ties to the smaller ids)', () => {
    const files = trainByteLevelBpe(['low low low lower newest newest widest'], { vocabSize: 261 });
    // 'Ġ low' (3) and 'e s' (3) tie after the first two merges: 'Ġ' (byte 0x20, id 33) is before 'e' (id 102).
    expect(files.tokenizer.model.type).toBe('BPE');
    expect((files.tokenizer.model as { merges: string[] }).merges).toEqual(['l o', 'lo w', 'Ġ low', 'e s']);
    expect(files.tokenizer.model.vocab['<|endoftext|>']).toBe(0);
    expect(files.tokenizer.model.vocab.Ġ).toBe(33);
    expect(files.tokenizer.added_tokens).toEqual([
      { id: 0, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
    ]);
  });

  it('on Moby Dick: the first merges, and any text round-trips (no unknown token)', async () => {
    const files = trainByteLevelBpe(await mobyDickSentences(), { vocabSize: 1000 });
    expect((files.tokenizer.model as { merges: string[] }).merges.slice(0, 8)).toEqual(['Ġ t', 'h e', 'Ġ a', 'i n', 'Ġt he', 'Ġ s', 'Ġ o', 'Ġ w']);
    const tokenizer = TextTokenizer.fromFiles(files);
    expect(tokenizer.vocabSize).toBe(1000);
    expect(tokenizer.tokenize('Call me Ishmael.')).toEqual(['C', 'all', 'Ġme', 'ĠI', 'sh', 'm', 'a', 'el', '.']);
    expect(tokenizer.encode('Call me Ishmael.')).toEqual([68, 388, 396, 337, 852, 110, 98, 436, 47]);
    for (const text of ['鯨 🐳 naïve\ttabs\n\nand  spaces ', '<|endoftext|>Next']) expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    expect(tokenizer.encode('<|endoftext|>')).toEqual([0]);
  });

  it('checks vocabSize', () => {
    expect(() => trainByteLevelBpe(['a'], { vocabSize: 100 })).toThrow(
      'trainByteLevelBpe: vocabSize must be an integer of at least 257 (special tokens + 256 bytes), got 100',
    );
  });
});
