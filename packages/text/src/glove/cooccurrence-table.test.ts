import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { CooccurrenceTable } from './cooccurrence-table.js';

describe('CooccurrenceTable', () => {
  it('sums values per pair through many growths, like a Map', () => {
    const random = createRandom(9);
    const table = new CooccurrenceTable(5000, 16);
    const reference = new Map<string, number>();
    for (let n = 0; n < 100_000; n++) {
      const row = random.integer(5000);
      const column = random.integer(50);
      const value = random.next();
      table.add(row, column, value);
      reference.set(`${row},${column}`, (reference.get(`${row},${column}`) ?? 0) + value);
    }
    expect(table.size).toBe(reference.size);
    let worst = 0;
    for (const [key, value] of reference) {
      const [row, column] = key.split(',').map(Number);
      worst = Math.max(worst, Math.abs(table.get(row, column) - value));
    }
    expect(worst).toBeLessThan(1e-12);
    expect(table.get(4999, 50)).toBe(0);
    const matrix = table.toMatrix();
    expect(matrix.values.length).toBe(reference.size);
    let unsorted = 0;
    worst = 0;
    for (let e = 0; e < matrix.values.length; e++) {
      worst = Math.max(worst, Math.abs(matrix.values[e] - reference.get(`${matrix.rows[e]},${matrix.columns[e]}`)!));
      if (e > 0 && matrix.rows[e] * 50 + matrix.columns[e] <= matrix.rows[e - 1] * 50 + matrix.columns[e - 1]) unsorted++;
    }
    expect(worst).toBeLessThan(1e-12);
    expect(unsorted).toBe(0);
  });

  it('rejects a vocabulary size that is not a positive integer', () => {
    expect(() => new CooccurrenceTable(0)).toThrow('CooccurrenceTable: vocabSize must be an integer in [1, 2^31), got 0');
  });
});
