import { describe, expect, it } from 'vitest';
import { loadMobyDick, loadSotu, loadSpamAssassin } from './stdlib-corpora.js';

describe('the npm corpora, read from their data files', () => {
  it('Moby Dick: 139 documents in book order', async () => {
    const book = await loadMobyDick();
    expect(book).toHaveLength(139);
    expect(book.slice(0, 4).map((d) => d.id)).toEqual(['contents', 'etymology', 'extracts', 'chapter_1']);
    expect(book.at(-1)!.id).toBe('epilogue');
    expect(book[3].text.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.')).toBe(true);
    expect(book.reduce((sum, d) => sum + d.text.length, 0)).toBeGreaterThan(1_150_000);
  });

  it('State of the Union: 233 addresses 1790-2021 with year, president and party', async () => {
    const addresses = await loadSotu();
    expect(addresses).toHaveLength(233);
    expect(addresses[0]).toMatchObject({ id: '1790 George Washington', metadata: { year: 1790, president: 'George Washington', party: 'none' } });
    expect(addresses.at(-1)!.id).toBe('2021 Joseph R Biden');
    expect(addresses[0].text.startsWith('Fellow-Citizens of the Senate and House of Representatives:')).toBe(true);
  });

  it('SpamAssassin: 6,046 emails, 1,896 spam, 3,900 easy ham, 250 hard ham; body drops the headers', async () => {
    const emails = await loadSpamAssassin({ body: true });
    const counts: Record<string, number> = {};
    for (const email of emails) counts[email.label!] = (counts[email.label!] ?? 0) + 1;
    expect(counts).toEqual({ spam: 1896, 'easy-ham': 3900, 'hard-ham': 250 });
    expect(emails[0].id).toBe('easy-ham-1/00001');
    const raw = await loadSpamAssassin();
    expect(raw[0].text.startsWith('From exmh-workers-admin@redhat.com')).toBe(true);
    expect(emails[0].text).not.toContain('Return-Path:');
  });

  it('names the missing package or folder', async () => {
    await expect(loadMobyDick({ directory: '/nonexistent' })).rejects.toThrow('loadMobyDick: cannot read /nonexistent/data/file_list.json');
  });
});
