/**
 * Abbreviations after which a period does not end a sentence (lower-cased, without the
 * period). Titles, honorifics and common Latin and English abbreviations.
 */
export const SENTENCE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'prof',
  'rev',
  'capt',
  'col',
  'gen',
  'lt',
  'sgt',
  'gov',
  'hon',
  'messrs',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'cf',
  'viz',
  'no',
  'vol',
  'ch',
  'p',
  'pp',
  'fig',
  'ft',
  'inc',
  'co',
  'ltd',
  'u.s',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/**
 * Splits text into sentences with one documented rule, good enough for training data (no
 * model, no language-specific lists beyond `SENTENCE_ABBREVIATIONS`):
 *
 * - a blank line always ends a sentence (paragraphs never run together);
 * - otherwise a sentence ends after '.', '!' or '?' (and any closing quotes or brackets
 *   right after it) when whitespace follows and the next word starts with an upper-case
 *   letter, a digit, or an opening quote or bracket;
 * - except after a period that ends a known abbreviation ('Mr.', 'e.g.') or a single
 *   capital letter (an initial, 'J. Smith').
 *
 * Whitespace inside a sentence (line breaks of wrapped text included) becomes one space;
 * empty sentences are dropped.
 *
 * @example
 * splitSentences('Call me Ishmael. Some years ago, Mr. Bulkington sailed!\n\nThe end');
 * // ['Call me Ishmael.', 'Some years ago, Mr. Bulkington sailed!', 'The end']
 */
export function splitSentences(text: string): string[] {
  if (typeof text !== 'string') throw new Error(`splitSentences: text must be a string, got ${typeof text}`);
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n[ \t\r]*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    let start = 0;
    for (const match of flat.matchAll(/[.!?]+["'”’)\]]*(?= ["'“‘([]?[\p{Lu}\p{N}])/gu)) {
      const end = match.index + match[0].length;
      if (match[0].startsWith('.') && match[0].length === 1 && endsWithAbbreviation(flat.slice(start, match.index))) continue;
      pushTrimmed(sentences, flat.slice(start, end));
      start = end;
    }
    pushTrimmed(sentences, flat.slice(start));
  }
  return sentences;
}

function endsWithAbbreviation(before: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1] ?? '';
  const bare = word.replace(/^["'“‘([]+/, '');
  return /^\p{Lu}$/u.test(bare) || SENTENCE_ABBREVIATIONS.has(bare.toLowerCase());
}

function pushTrimmed(sentences: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed) sentences.push(trimmed);
}
