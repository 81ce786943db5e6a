import { describe, expect, it } from 'vitest';
import type { TextDocument } from '../corpora/text-document.js';
import { TEXT_PROBE_TASKS, textProbeSplit } from './text-probe-tasks.js';

const emails: TextDocument[] = Array.from({ length: 60 }, (_, i) => ({
  id: `email-${i}`,
  text: `email number ${i}`,
  label: i % 3 === 0 ? 'spam' : i % 3 === 1 ? 'easy-ham' : 'hard-ham',
}));

describe('textProbeSplit', () => {
  it('spam: spam against ham (easy + hard), stratified, disjoint, seeded', () => {
    const split = textProbeSplit(TEXT_PROBE_TASKS.spam, emails, { seed: 3, trainCount: 30, testCount: 15 });
    expect(split.classes).toEqual(['ham', 'spam']);
    expect(split.train.texts).toHaveLength(30);
    expect(split.test.texts).toHaveLength(15);
    expect(Array.from(split.train.labels).filter((label) => label === 1)).toHaveLength(10); // a third is spam
    expect(Array.from(split.test.labels).filter((label) => label === 1)).toHaveLength(5);
    expect(split.train.ids.filter((id) => split.test.ids.includes(id))).toEqual([]);
    split.train.ids.forEach((id, i) => {
      const email = emails.find((e) => e.id === id)!;
      expect(split.classes[split.train.labels[i]]).toBe(email.label === 'spam' ? 'spam' : 'ham');
      expect(split.train.texts[i]).toBe(email.text);
    });
    expect(textProbeSplit(TEXT_PROBE_TASKS.spam, emails, { seed: 3, trainCount: 30, testCount: 15 })).toEqual(split);
    expect(textProbeSplit(TEXT_PROBE_TASKS.spam, emails, { seed: 4, trainCount: 30, testCount: 15 }).train.ids).not.toEqual(split.train.ids);
  });

  it('keeps each text once and the most frequent classes; splits a small corpus in proportion', () => {
    const documents: TextDocument[] = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, text: `alpha ${i}`, label: 'a' })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `b${i}`, text: `beta ${i}`, label: 'b' })),
      { id: 'b-copy', text: 'beta 0', label: 'b' },
      { id: 'c0', text: 'gamma', label: 'c' },
      { id: 'none', text: 'no label' },
    ];
    const split = textProbeSplit({ ...TEXT_PROBE_TASKS.wordnet, maxClasses: 2 }, documents, { seed: 0, trainCount: 20, testCount: 20 });
    expect(split.classes).toEqual(['a', 'b']);
    expect([...split.train.ids, ...split.test.ids].sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'b0', 'b1', 'b2', 'b3']);
    expect(split.train.ids).toHaveLength(5);
    expect(() => textProbeSplit(TEXT_PROBE_TASKS.wordnet, documents.slice(0, 6), { seed: 0 })).toThrow('a probe needs two or more');
  });
});
