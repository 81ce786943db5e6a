import { WordVectors } from '../word2vec/word-vectors.js';

/** Options of `formatGloveText`. */
export interface FormatGloveTextOptions {
  /** Digits after the point. Default 6 (glove.c's `%lf`). */
  digits?: number;
}

/**
 * GloVe's text format: one line per word, `word v1 ... vd`, space-separated, no header
 * (glove.c's `vectors.txt`). For word2vec's formats (a `size dimension` header, as glove.c's
 * `-write-header 1`, or binary) use `serializeWord2VecText` / `saveWord2VecFormat`. glove.c
 * also appends an `<unk>` line (the mean of the 100 rarest words); this does not.
 *
 * @example
 * formatGloveText(new WordVectors(['sea'], 2, Float32Array.of(0.5, -1))); // 'sea 0.500000 -1.000000\n'
 */
export function formatGloveText(vectors: WordVectors, options: FormatGloveTextOptions = {}): string {
  if (!(vectors instanceof WordVectors)) throw new Error(`formatGloveText: vectors must be WordVectors, got ${typeof vectors}`);
  const { digits = 6 } = options;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20)
    throw new Error(`formatGloveText: options.digits must be an integer in [0, 20], got ${digits}`);
  const lines: string[] = [];
  const { dimension } = vectors;
  vectors.words.forEach((word, id) => {
    const parts = [word];
    for (let b = id * dimension; b < (id + 1) * dimension; b++) parts.push(vectors.data[b].toFixed(digits));
    lines.push(parts.join(' '));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Reads GloVe's text format (`word v1 ... vd` per line), also with a `size dimension` header
 * line (glove.c's `-write-header 1`, word2vec's text format), which is recognised and
 * checked. Blank lines are skipped; every line must have the same number of values.
 *
 * @example
 * parseGloveText('sea 0.5 -1\nocean 0.4 -0.9\n').mostSimilar('sea', 1)[0].word; // 'ocean'
 */
export function parseGloveText(text: string): WordVectors {
  if (typeof text !== 'string') throw new Error(`parseGloveText: text must be a string, got ${typeof text}`);
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  let expected: { size: number; dimension: number } | undefined;
  const headerMatch = /^\s*(\d+)\s+(\d+)\s*$/.exec(lines[first] ?? '');
  if (headerMatch) {
    const next = lines.slice(first + 1).find((line) => line.trim() !== '');
    const dimension = Number(headerMatch[2]);
    if (next === undefined || next.trim().split(/\s+/).length === dimension + 1) {
      expected = { size: Number(headerMatch[1]), dimension };
      first++;
    }
  }
  const words: string[] = [];
  const values: number[] = [];
  let dimension = expected?.dimension ?? -1;
  for (let at = first; at < lines.length; at++) {
    const line = lines[at].trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    if (dimension === -1) dimension = parts.length - 1;
    if (parts.length !== dimension + 1 || dimension < 1) {
      throw new Error(`parseGloveText: line ${at + 1} must be a word and ${Math.max(dimension, 1)} numbers, got ${parts.length - 1} numbers`);
    }
    words.push(parts[0]);
    for (let b = 1; b < parts.length; b++) {
      const value = Number(parts[b]);
      if (!Number.isFinite(value)) throw new Error(`parseGloveText: line ${at + 1} value ${b} must be a finite number, got '${parts[b]}'`);
      values.push(value);
    }
  }
  if (words.length === 0) throw new Error('parseGloveText: text must hold at least one word line, got none');
  if (expected && expected.size !== words.length) {
    throw new Error(`parseGloveText: the header announces ${expected.size} words, the text holds ${words.length}`);
  }
  return new WordVectors(words, dimension, Float32Array.from(values));
}
