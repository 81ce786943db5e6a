import type { TextDocument } from './text-document.js';

/**
 * Splits one long text into documents at each match of `separator` (default: a blank line,
 * so each paragraph is a document), trimming each and dropping empty ones. Ids are
 * `${prefix}${index}` (index from 0 among the kept documents).
 *
 * @example
 * splitDocuments('One.\n\nTwo.\n\n\nThree.', { prefix: 'moby-dick#' }).map((d) => d.id);
 * // ['moby-dick#0', 'moby-dick#1', 'moby-dick#2']
 * splitDocuments(book, { separator: /^CHAPTER \d+\./m }); // one document per chapter
 */
export function splitDocuments(text: string, options: { separator?: RegExp | string; prefix?: string } = {}): TextDocument[] {
  if (typeof text !== 'string') throw new Error(`splitDocuments: text must be a string, got ${typeof text}`);
  const separator = options.separator ?? /\n[ \t\r]*\n/;
  const prefix = options.prefix ?? '';
  return text
    .split(separator)
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part, index) => ({ id: `${prefix}${index}`, text: part }));
}
