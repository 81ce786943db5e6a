/**
 * Counts the words (pre-tokenized pieces) of `texts`: the first step of training a
 * subword vocabulary, which only ever looks at distinct words and their counts.
 *
 * @example
 * countWords(['a b a'], (text) => text.split(' ')); // Map { 'a' => 2, 'b' => 1 }
 */
export function countWords(texts: Iterable<string>, preTokenize: (text: string) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    if (typeof text !== 'string') throw new Error(`countWords: every text must be a string, got ${typeof text}`);
    for (const word of preTokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
