/**
 * The top of the negative-sampling table, gensim's `domain` 2^31 - 1: a draw is a uniform
 * integer in [0, NEGATIVE_TABLE_DOMAIN).
 *
 * @example
 * negativeSamplingTable([3, 1]).at(-1) === NEGATIVE_TABLE_DOMAIN; // true
 */
export const NEGATIVE_TABLE_DOMAIN = 2 ** 31 - 1;

/**
 * The cumulative negative-sampling table: entry i is round(domain x sum_{j<=i} count_j^exponent
 * / sum_j count_j^exponent) (gensim's `make_cum_table`; the "unigram^0.75 table" of Mikolov
 * et al. 2013, kept cumulative instead of word2vec.c's 1e8-entry array). Word i is drawn
 * when a uniform x in [0, domain) falls in [table[i-1], table[i]) (`drawFromTable`).
 *
 * @example
 * negativeSamplingTable([16, 1], 0.75); // Uint32Array [1908874353, 2147483647]  (8 : 1)
 */
export function negativeSamplingTable(counts: ArrayLike<number>, exponent = 0.75, domain = NEGATIVE_TABLE_DOMAIN): Uint32Array {
  const fn = 'negativeSamplingTable';
  if (counts?.length === undefined || counts.length === 0)
    throw new Error(`${fn}: counts must be a non-empty array of word counts, got ${counts?.length ?? typeof counts} entries`);
  if (!Number.isInteger(domain) || domain < 1 || domain > 2 ** 32 - 1)
    throw new Error(`${fn}: domain must be an integer in [1, 2^32 - 1], got ${domain}`);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    if (!(counts[i] > 0)) throw new Error(`${fn}: counts[${i}] must be > 0, got ${counts[i]}`);
    total += counts[i] ** exponent;
  }
  const table = new Uint32Array(counts.length);
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i] ** exponent;
    table[i] = Math.round((cumulative / total) * domain);
  }
  table[counts.length - 1] = domain;
  return table;
}

/**
 * The word of `table` (from `negativeSamplingTable`) that the integer `x` in [0, last entry)
 * falls on: the first i with table[i] > x, by bisection.
 *
 * @example
 * drawFromTable(negativeSamplingTable([16, 1]), 5); // 0
 */
export function drawFromTable(table: Uint32Array, x: number): number {
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (table[middle] > x) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * A guide to `table` (from `negativeSamplingTable`) that makes a draw O(1) on average with
 * the same result as `drawFromTable`: entry b is the first word whose cumulative value
 * exceeds b x 2^shift, where a draw x falls in bucket x >>> shift (2^16 buckets). The draw
 * starts there and steps forward while the table is <= x (`drawWithGuide`). About 10% of a
 * skip-gram epoch is the five bisections per pair this replaces.
 *
 * @example
 * const guide = negativeSamplingGuide(table);
 * drawWithGuide(table, guide, x) === drawFromTable(table, x); // true
 */
export function negativeSamplingGuide(table: Uint32Array): { guide: Int32Array; shift: number } {
  const limit = table[table.length - 1];
  const shift = Math.max(0, 32 - Math.clz32(limit) - 16);
  const guide = new Int32Array((limit >>> shift) + 1);
  for (let bucket = 0, word = 0; bucket < guide.length; bucket++) {
    while (word < table.length - 1 && table[word] <= bucket * 2 ** shift) word++;
    guide[bucket] = word;
  }
  return { guide, shift };
}

/**
 * `drawFromTable(table, x)` through the guide of `negativeSamplingGuide`.
 *
 * @example
 * drawWithGuide(table, guide.guide, guide.shift, 12345);
 */
export function drawWithGuide(table: Uint32Array, guide: Int32Array, shift: number, x: number): number {
  let word = guide[x >>> shift];
  while (table[word] <= x) word++;
  return word;
}

/**
 * The probability of keeping one occurrence of a word seen `count` times among `total`
 * (the counts of the vocabulary's words) with subsampling threshold `sample`:
 * (sqrt(count / (sample x total)) + 1) x (sample x total) / count, capped at 1 (word2vec.c's
 * and gensim's formula; Mikolov et al. 2013 write 1 - sqrt(t / f)). 1 when `sample` is 0.
 *
 * @example
 * keepProbability(1000, 1e-3, 100_000); // 0.41... (a word that is 1% of the corpus)
 */
export function keepProbability(count: number, sample: number, total: number): number {
  if (sample === 0) return 1;
  const threshold = sample * total;
  const probability = (Math.sqrt(count / threshold) + 1) * (threshold / count);
  return Math.min(probability, 1);
}

/**
 * Each word's `keepProbability` as a uint32 threshold (probability x (2^32 - 1), as gensim's
 * `sample_int`): an occurrence is kept when a uniform uint32 draw is <= the threshold.
 *
 * @example
 * subsamplingThresholds([1000, 10], 1e-3)[1]; // 4294967295 (always kept)
 */
export function subsamplingThresholds(counts: ArrayLike<number>, sample: number): Uint32Array {
  if (!(sample >= 0 && sample < 1)) throw new Error(`subsamplingThresholds: sample must be a number in [0, 1), got ${sample}`);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const thresholds = new Uint32Array(counts.length);
  for (let i = 0; i < counts.length; i++) thresholds[i] = Math.floor(keepProbability(counts[i], sample, total) * 4294967295);
  return thresholds;
}
