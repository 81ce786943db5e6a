/**
 * A sparse word-word co-occurrence matrix X in coordinate form: entry e is
 * X[rows[e]][columns[e]] = values[e], one entry per nonzero, sorted by row then column.
 * Rows are the context words to the left (the first word of a pair), columns the words
 * after them; with a symmetric window X is symmetric.
 *
 * @example
 * const matrix = countCooccurrences([Int32Array.of(0, 1)], 2, { windowSize: 1 });
 * matrix.rows; // Int32Array [0, 1]
 * matrix.columns; // Int32Array [1, 0]
 * matrix.values; // Float64Array [1, 1]
 */
export interface CooccurrenceMatrix {
  /** Number of rows and columns: the vocabulary's size. */
  readonly vocabSize: number;
  readonly rows: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/**
 * X[row][column] of `matrix`, 0 when the pair never co-occurred (a binary search in the
 * sorted entries).
 *
 * @example
 * cooccurrenceValue(matrix, vocabulary.id('sperm'), vocabulary.id('whale')); // 88.3
 */
export function cooccurrenceValue(matrix: CooccurrenceMatrix, row: number, column: number): number {
  const { rows, columns, values } = matrix;
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle] < row || (rows[middle] === row && columns[middle] < column)) low = middle + 1;
    else high = middle;
  }
  return low < rows.length && rows[low] === row && columns[low] === column ? values[low] : 0;
}
