/** What `learnMerges` learns: the vocabulary in id order and the merges in rank order. */
export interface LearnedMerges {
  /** Every token, its index its id: the given initial tokens first, then one per merge. */
  tokens: string[];
  /** The merges in the order they were learned (rank 0 first), as [left, right] tokens. */
  merges: [string, string][];
}

export interface LearnMergesOptions {
  /** Stop when the vocabulary has this many tokens. */
  vocabSize: number;
  /** Never merge a pair seen fewer times than this. Default 2 (Hugging Face's BpeTrainer default is 0; a pair seen once only memorises a word). */
  minFrequency?: number;
  /**
   * Marks a token that continues a word (WordPiece's '##'). When set, the merge of `a` and
   * `##b` is `a` + `b` (Hugging Face's BpeTrainer with `continuing_subword_prefix`).
   */
  continuingSubwordPrefix?: string;
}

/**
 * The byte-pair-encoding merge loop (Sennrich et al. 2016, "Neural Machine Translation of
 * Rare Words with Subword Units"): repeatedly merges the most frequent adjacent pair of
 * symbols, counted over `words` weighted by their counts, until the vocabulary reaches
 * `vocabSize` or no pair is seen `minFrequency` times. Ties go to the pair of smaller ids
 * (left first), as in Hugging Face's `BpeTrainer`, so the result is deterministic.
 *
 * Each word is a list of initial symbols (characters, bytes as characters, or WordPiece's
 * 'c' / '##c'); `initialTokens` gives the ids of the vocabulary before any merge and must
 * hold every symbol of every word. Pair counts are updated incrementally (only the words
 * that hold the merged pair are visited) and the best pair comes from a heap with lazy
 * updates, so a merge costs about the size of the words it touches.
 *
 * @example
 * const { merges } = learnMerges([[['l', 'o', 'w'], 5], [['l', 'o', 'w', 'e', 'r'], 2]], ['e', 'l', 'o', 'r', 'w'], { vocabSize: 7 });
 * merges; // [['l', 'o'], ['lo', 'w']]
 */
export function learnMerges(
  words: Iterable<[symbols: string[], count: number]>,
  initialTokens: readonly string[],
  options: LearnMergesOptions,
): LearnedMerges {
  const { vocabSize, minFrequency = 2, continuingSubwordPrefix } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`learnMerges: vocabSize must be a positive integer, got ${vocabSize}`);
  const tokens = [...initialTokens];
  const ids = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (ids.has(token)) throw new Error(`learnMerges: the initial token '${token}' appears twice`);
    ids.set(token, id);
  });
  if (Math.max(vocabSize, tokens.length) > PAIR_BASE)
    throw new Error(`learnMerges: at most ${PAIR_BASE} tokens, got ${Math.max(vocabSize, tokens.length)}`);

  const symbols: Int32Array[] = [];
  const counts: number[] = [];
  for (const [word, count] of words) {
    symbols.push(
      Int32Array.from(word, (symbol) => {
        const id = ids.get(symbol);
        if (id === undefined) throw new Error(`learnMerges: the symbol '${symbol}' is not among the initial tokens`);
        return id;
      }),
    );
    counts.push(count);
  }

  // Pair (left, right) as one number: left * 2^21 + right (ids stay below 2^21).
  const key = (left: number, right: number) => left * PAIR_BASE + right;
  const pairCounts = new Map<number, number>();
  const wordsWithPair = new Map<number, Set<number>>();
  const addPairs = (word: number, sign: 1 | -1, changed: Set<number>) => {
    const s = symbols[word];
    for (let i = 0; i + 1 < s.length; i++) {
      const pair = key(s[i], s[i + 1]);
      pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + sign * counts[word]);
      if (sign > 0) {
        const set = wordsWithPair.get(pair);
        if (set) set.add(word);
        else wordsWithPair.set(pair, new Set([word]));
      }
      changed.add(pair);
    }
  };
  for (let word = 0; word < symbols.length; word++) addPairs(word, 1, new Set());
  const heap = new PairHeap();
  for (const [pair, count] of pairCounts) heap.push(pair, count);

  const merges: [string, string][] = [];
  while (tokens.length < vocabSize && heap.size > 0) {
    const top = heap.pop();
    const current = pairCounts.get(top.pair) ?? 0;
    if (current !== top.count) {
      // Stale: the pair was counted before an earlier merge took some of its occurrences.
      if (current > 0) heap.push(top.pair, current);
      continue;
    }
    if (current < Math.max(1, minFrequency)) break;
    const left = Math.floor(top.pair / PAIR_BASE);
    const right = top.pair % PAIR_BASE;
    const rightText = tokens[right];
    const merged =
      tokens[left] +
      (continuingSubwordPrefix && rightText.startsWith(continuingSubwordPrefix) ? rightText.slice(continuingSubwordPrefix.length) : rightText);
    let id = ids.get(merged);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(merged);
      ids.set(merged, id);
    }
    merges.push([tokens[left], rightText]);
    const changed = new Set<number>();
    for (const word of wordsWithPair.get(top.pair) ?? []) {
      const s = symbols[word];
      if (!holdsPair(s, left, right)) continue;
      addPairs(word, -1, changed);
      symbols[word] = mergeInWord(s, left, right, id);
      addPairs(word, 1, changed);
    }
    wordsWithPair.delete(top.pair);
    pairCounts.delete(top.pair);
    for (const pair of changed) {
      const count = pairCounts.get(pair) ?? 0;
      if (count <= 0) pairCounts.delete(pair);
      else if (Math.floor(pair / PAIR_BASE) === id || pair % PAIR_BASE === id) heap.push(pair, count);
    }
  }
  return { tokens, merges };
}

const PAIR_BASE = 1 << 21;

function holdsPair(symbols: Int32Array, left: number, right: number): boolean {
  for (let i = 0; i + 1 < symbols.length; i++) if (symbols[i] === left && symbols[i + 1] === right) return true;
  return false;
}

/** Replaces each non-overlapping (left, right), scanning left to right, by `merged`. */
function mergeInWord(symbols: Int32Array, left: number, right: number, merged: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
      out.push(merged);
      i++;
    } else {
      out.push(symbols[i]);
    }
  }
  return Int32Array.from(out);
}

/** A max-heap of (pair, count): higher count first, then the smaller pair key (smaller left id, then right id). */
class PairHeap {
  private readonly pairs: number[] = [];
  private readonly counts: number[] = [];

  get size(): number {
    return this.pairs.length;
  }

  push(pair: number, count: number): void {
    this.pairs.push(pair);
    this.counts.push(count);
    let i = this.pairs.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { pair: number; count: number } {
    const top = { pair: this.pairs[0], count: this.counts[0] };
    const lastPair = this.pairs.pop()!;
    const lastCount = this.counts.pop()!;
    if (this.pairs.length > 0) {
      this.pairs[0] = lastPair;
      this.counts[0] = lastCount;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.pairs.length && this.before(l, best)) best = l;
        if (r < this.pairs.length && this.before(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    return this.counts[a] !== this.counts[b] ? this.counts[a] > this.counts[b] : this.pairs[a] < this.pairs[b];
  }

  private swap(a: number, b: number): void {
    [this.pairs[a], this.pairs[b]] = [this.pairs[b], this.pairs[a]];
    [this.counts[a], this.counts[b]] = [this.counts[b], this.counts[a]];
  }
}
