// Appending benchmark rows to a table section of docs/benchmarks.md (bench scripts with --write).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** docs/benchmarks.md of this repository. */
export const BENCHMARKS_DOC = new URL('../docs/benchmarks.md', import.meta.url).pathname;

/** A section of docs/benchmarks.md: its `## ` heading, the text before its table, and the table's header. */
export interface DocsTableSection {
  heading: string;
  intro: string;
  columns: string[];
}

/** One Markdown table row of `cells`. */
export const tableRow = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

/**
 * Adds `rows` at the end of the table of `section`, creating the section (heading, intro,
 * table header) at the end of the file when it is not there yet.
 *
 * @example
 * appendTableRows({ heading: '## Probe agreement', intro: 'What it shows.', columns: ['a', 'b'] }, [tableRow([1, 2])]);
 */
export function appendTableRows(section: DocsTableSection, rows: string[], file = BENCHMARKS_DOC): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8').trimEnd() : '# Benchmarks';
  const lines = text.split('\n');
  const start = lines.indexOf(section.heading);
  if (start < 0) {
    const separator = tableRow(section.columns.map(() => '---'));
    writeFileSync(
      file,
      `${text}\n\n${section.heading}\n\n${section.intro.trim()}\n\n${tableRow(section.columns)}\n${separator}\n${rows.join('\n')}\n`,
    );
    return;
  }
  // The section's table ends at its last line starting with '|' before the next heading.
  let end = lines.findIndex((line, i) => i > start && line.startsWith('#'));
  if (end < 0) end = lines.length;
  let last = end - 1;
  while (last > start && !lines[last].startsWith('|')) last--;
  if (last === start) throw new Error(`appendTableRows: section '${section.heading}' of ${file} has no table to append to`);
  lines.splice(last + 1, 0, ...rows);
  writeFileSync(file, `${lines.join('\n')}\n`);
}
