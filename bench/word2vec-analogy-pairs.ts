// A small analogy set for the State of the Union vocabulary, written for
// bench/word2vec-vs-gensim.ts (Google's questions-words.txt is not available offline). Each
// section is a list of word pairs sharing one relation; every ordered pair of two different
// pairs is a question 'a b c d' (a is to b as c is to d), as questions-words.txt is built.

/** The sections: name, then pairs (x, relation(x)). Every word is frequent in the addresses. */
export const ANALOGY_PAIRS: Record<string, [string, string][]> = {
  'country-adjective': [
    ['america', 'american'],
    ['britain', 'british'],
    ['france', 'french'],
    ['germany', 'german'],
    ['mexico', 'mexican'],
    ['china', 'chinese'],
    ['japan', 'japanese'],
    ['russia', 'russian'],
    ['spain', 'spanish'],
    ['italy', 'italian'],
    ['canada', 'canadian'],
    ['cuba', 'cuban'],
  ],
  'plural-nouns': [
    ['nation', 'nations'],
    ['state', 'states'],
    ['law', 'laws'],
    ['year', 'years'],
    ['right', 'rights'],
    ['treaty', 'treaties'],
    ['citizen', 'citizens'],
    ['program', 'programs'],
    ['worker', 'workers'],
    ['child', 'children'],
    ['family', 'families'],
    ['school', 'schools'],
    ['country', 'countries'],
    ['war', 'wars'],
    ['job', 'jobs'],
  ],
  'past-tense': [
    ['increase', 'increased'],
    ['reduce', 'reduced'],
    ['pass', 'passed'],
    ['provide', 'provided'],
    ['receive', 'received'],
    ['establish', 'established'],
    ['require', 'required'],
    ['continue', 'continued'],
    ['create', 'created'],
    ['adopt', 'adopted'],
    ['approve', 'approved'],
    ['complete', 'completed'],
  ],
  family: [
    ['man', 'woman'],
    ['men', 'women'],
    ['he', 'she'],
    ['his', 'her'],
    ['father', 'mother'],
    ['son', 'daughter'],
  ],
};

/**
 * The questions in the Google format: ': section' then 'a b c d' lines.
 *
 * @example
 * analogyQuestions().split('\n')[1]; // 'america american britain british'
 */
export function analogyQuestions(): string {
  const lines: string[] = [];
  for (const [section, pairs] of Object.entries(ANALOGY_PAIRS)) {
    lines.push(`: ${section}`);
    for (const [a, b] of pairs) for (const [c, d] of pairs) if (a !== c) lines.push(`${a} ${b} ${c} ${d}`);
  }
  return `${lines.join('\n')}\n`;
}
