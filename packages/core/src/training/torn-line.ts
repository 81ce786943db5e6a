/**
 * Splits JSON Lines text (such as `metrics.jsonl`) into its complete part and the torn
 * last line a crash in the middle of an append leaves behind: a last line with no newline
 * after it that is not valid JSON. A last line without a newline that does parse is
 * complete (the crash came just before the newline) and stays. A bad line elsewhere is
 * no tear: it stays in `complete`, for the reader to report.
 *
 * @param text The file's content.
 * @returns `complete`: the text without the torn line; `torn`: that line, or null.
 *
 * @example
 * splitTornLine('{"step":1}\n{"step":2,"lo');
 * // { complete: '{"step":1}\n', torn: '{"step":2,"lo' }
 * splitTornLine('{"step":1}\n'); // { complete: '{"step":1}\n', torn: null }
 */
export function splitTornLine(text: string): { complete: string; torn: string | null } {
  const start = text.lastIndexOf('\n') + 1;
  const last = text.slice(start);
  if (last.trim() === '') return { complete: text, torn: null };
  try {
    JSON.parse(last);
    return { complete: text, torn: null };
  } catch {
    return { complete: text.slice(0, start), torn: last };
  }
}
