// Why a hash table: one pass over the corpus with O(nonzeros) memory; a dense V x V table
// of the State of the Union's 20k words would be 400M float64 (3.2 GB), and glove.c's
// dense-triangle-plus-overflow-files scheme exists to spill to disk, which we don't need.

/** The load factor above which the table doubles. */
const MAXIMUM_LOAD = 0.7;
/** Slots at most (16 bytes each: 4 GiB): a table that large means the corpus wants glove.c's disk spilling. */
const MAXIMUM_CAPACITY = 2 ** 28;

/**
 * An open-addressing hash table (linear probing) from a pair (row, column) of word ids to a
 * float64 sum, on three typed arrays; the accumulator `countCooccurrences` fills.
 *
 * @example
 * const table = new CooccurrenceTable(3);
 * table.add(0, 2, 0.5);
 * table.add(0, 2, 1);
 * table.get(0, 2); // 1.5
 * table.toMatrix().values; // Float64Array [1.5]
 */
export class CooccurrenceTable {
  /** Number of distinct pairs stored. */
  size = 0;
  private rows: Int32Array;
  private columns: Int32Array;
  private sums: Float64Array;
  private mask: number;

  /**
   * An empty table for word ids in [0, vocabSize).
   *
   * @example
   * const table = new CooccurrenceTable(vocabulary.size);
   */
  constructor(
    readonly vocabSize: number,
    initialCapacity = 1 << 16,
  ) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1 || vocabSize > 2 ** 31 - 1) {
      throw new Error(`CooccurrenceTable: vocabSize must be an integer in [1, 2^31), got ${vocabSize}`);
    }
    let capacity = 16;
    while (capacity < initialCapacity && capacity < MAXIMUM_CAPACITY) capacity *= 2;
    this.rows = new Int32Array(capacity).fill(-1);
    this.columns = new Int32Array(capacity);
    this.sums = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  /**
   * Adds `value` to the sum of (row, column); ids are not checked (the caller checks them).
   *
   * @example
   * table.add(vocabulary.id('the'), vocabulary.id('whale'), 1 / 2);
   */
  add(row: number, column: number, value: number): void {
    const rows = this.rows;
    const mask = this.mask;
    let slot = hashPair(row, column) & mask;
    for (;;) {
      const stored = rows[slot];
      if (stored === -1) break;
      if (stored === row && this.columns[slot] === column) {
        this.sums[slot] += value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    rows[slot] = row;
    this.columns[slot] = column;
    this.sums[slot] = value;
    this.size++;
    if (this.size > MAXIMUM_LOAD * (mask + 1)) this.grow();
  }

  /**
   * The sum of (row, column), 0 when it was never added.
   *
   * @example
   * table.get(0, 1); // 0
   */
  get(row: number, column: number): number {
    const mask = this.mask;
    for (let slot = hashPair(row, column) & mask; this.rows[slot] !== -1; slot = (slot + 1) & mask) {
      if (this.rows[slot] === row && this.columns[slot] === column) return this.sums[slot];
    }
    return 0;
  }

  /**
   * The pairs as a `CooccurrenceMatrix`, sorted by row then column (a counting sort by row,
   * then each row's columns sorted as packed float64 keys).
   *
   * @example
   * const matrix = table.toMatrix();
   */
  toMatrix(): { vocabSize: number; rows: Int32Array; columns: Int32Array; values: Float64Array } {
    const { rows, columns, sums, vocabSize } = this;
    const starts = new Int32Array(vocabSize + 1);
    for (let slot = 0; slot < rows.length; slot++) if (rows[slot] !== -1) starts[rows[slot] + 1]++;
    let longest = 0;
    for (let row = 0; row < vocabSize; row++) {
      longest = Math.max(longest, starts[row + 1]);
      starts[row + 1] += starts[row];
    }
    const outRows = new Int32Array(this.size);
    const outColumns = new Int32Array(this.size);
    const outValues = new Float64Array(this.size);
    const cursor = starts.slice(0, vocabSize);
    for (let slot = 0; slot < rows.length; slot++) {
      const row = rows[slot];
      if (row === -1) continue;
      const at = cursor[row]++;
      outRows[at] = row;
      outColumns[at] = columns[slot];
      outValues[at] = sums[slot];
    }
    // Sort each row by column: key = column * stride + position in the row, sorted natively.
    let stride = 1;
    while (stride < longest) stride *= 2;
    const keys = new Float64Array(longest);
    const scratch = new Float64Array(longest);
    for (let row = 0; row < vocabSize; row++) {
      const start = starts[row];
      const length = starts[row + 1] - start;
      if (length < 2) continue;
      for (let k = 0; k < length; k++) {
        keys[k] = outColumns[start + k] * stride + k;
        scratch[k] = outValues[start + k];
      }
      const sorted = keys.subarray(0, length).sort();
      for (let k = 0; k < length; k++) {
        const position = sorted[k] % stride;
        outColumns[start + k] = (sorted[k] - position) / stride;
        outValues[start + k] = scratch[position];
      }
    }
    return { vocabSize, rows: outRows, columns: outColumns, values: outValues };
  }

  /** Doubles the capacity and re-inserts every pair. */
  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    if (capacity > MAXIMUM_CAPACITY) {
      throw new Error(
        `CooccurrenceTable: more than ${MAXIMUM_LOAD * MAXIMUM_CAPACITY} distinct pairs; use a smaller window, a higher minCount or fewer words`,
      );
    }
    const { rows, columns, sums } = this;
    this.rows = new Int32Array(capacity).fill(-1);
    this.columns = new Int32Array(capacity);
    this.sums = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < rows.length; slot++) {
      if (rows[slot] === -1) continue;
      let to = hashPair(rows[slot], columns[slot]) & this.mask;
      while (this.rows[to] !== -1) to = (to + 1) & this.mask;
      this.rows[to] = rows[slot];
      this.columns[to] = columns[slot];
      this.sums[to] = sums[slot];
    }
  }
}

/** A well-mixed 32-bit hash of a pair of ids (murmur3's finalizer on row x golden ratio + column). */
function hashPair(row: number, column: number): number {
  let h = (Math.imul(row, 0x9e3779b1) + column) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
