import { describe, expect, it } from 'vitest';
import { stratifiedSample } from './stratified-sample.js';

/** Labels sorted by class, as an image folder read class by class gives them. */
function classSorted(sizes: number[]): Int32Array {
  return Int32Array.from(sizes.flatMap((size, label) => Array.from({ length: size }, () => label)));
}

function perClass(labels: ArrayLike<number>, rows: Int32Array): number[] {
  const counts: number[] = [];
  for (const row of rows) counts[labels[row]] = (counts[labels[row]] ?? 0) + 1;
  return Array.from(counts, (c) => c ?? 0);
}

describe('stratifiedSample', () => {
  it('takes every class of a class-sorted split in proportion, as sorted distinct rows', () => {
    const labels = classSorted([500, 300, 200]);
    const rows = stratifiedSample({ labels, count: 100, seed: 0 });
    expect(rows).toBeInstanceOf(Int32Array);
    expect(rows.length).toBe(100);
    expect(perClass(labels, rows)).toEqual([50, 30, 20]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]).toBeGreaterThan(rows[i - 1]);
    expect(rows[0]).toBeGreaterThanOrEqual(0);
    expect(rows[rows.length - 1]).toBeLessThan(labels.length);
    // Not simply the first rows of each class.
    expect(Array.from(rows.subarray(0, 50))).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('ten sorted classes and a sample of a tenth: 10% of each class (the probe sees every class)', () => {
    const labels = classSorted(Array.from({ length: 10 }, () => 1000));
    expect(perClass(labels, stratifiedSample({ labels, count: 1000, seed: 3 }))).toEqual(Array.from({ length: 10 }, () => 100));
  });

  it('works on interleaved labels too', () => {
    const labels = Int32Array.from({ length: 900 }, (_, i) => i % 3);
    expect(perClass(labels, stratifiedSample({ labels, count: 90, seed: 1 }))).toEqual([30, 30, 30]);
  });

  it('hands the rows left over to the largest remainders, ties to the lower class', () => {
    // Exact shares 2.5, 1.5, 1: floors 2, 1, 1 and one row left for class 0.
    expect(perClass(classSorted([5, 3, 2]), stratifiedSample({ labels: classSorted([5, 3, 2]), count: 5, seed: 0 }))).toEqual([3, 1, 1]);
    // Exact shares 1.4, 2.8, 2.8: floors 1, 2, 2 and two rows for classes 1 and 2.
    expect(perClass(classSorted([5, 10, 10]), stratifiedSample({ labels: classSorted([5, 10, 10]), count: 7, seed: 0 }))).toEqual([1, 3, 3]);
  });

  it('gives a tiny class one row when the count allows, taken from a class above its share', () => {
    const labels = classSorted([1000, 1000, 2]);
    const rows = stratifiedSample({ labels, count: 10, seed: 0 });
    expect(rows.length).toBe(10);
    expect(perClass(labels, rows)).toEqual([4, 5, 1]);
    // Fewer rows than classes: the proportional allocation alone.
    expect(perClass(labels, stratifiedSample({ labels, count: 2, seed: 0 }))).toEqual([1, 1]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const labels = classSorted([400, 400, 200]);
    const a = stratifiedSample({ labels, count: 100, seed: 7 });
    expect(Array.from(stratifiedSample({ labels, count: 100, seed: 7 }))).toEqual(Array.from(a));
    expect(Array.from(stratifiedSample({ labels, count: 100, seed: 8 }))).not.toEqual(Array.from(a));
  });

  it('draws each row of a class about equally often across seeds', () => {
    const labels = classSorted([20, 10]);
    const hits = new Array(30).fill(0);
    const seeds = 2000;
    for (let seed = 0; seed < seeds; seed++) for (const row of stratifiedSample({ labels, count: 15, seed })) hits[row]++;
    // 10 of 20 and 5 of 10: every row is in with probability 1/2 (std 11 in 2000 draws).
    for (const hit of hits) expect(Math.abs(hit - seeds / 2)).toBeLessThan(80);
  });

  it('returns every row when count >= N, and nothing for count 0', () => {
    const labels = classSorted([3, 2]);
    expect(Array.from(stratifiedSample({ labels, count: 5, seed: 0 }))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(stratifiedSample({ labels, count: 10_000, seed: 0 }))).toEqual([0, 1, 2, 3, 4]);
    expect(stratifiedSample({ labels, count: 0, seed: 0 }).length).toBe(0);
    expect(stratifiedSample({ labels: [], count: 3, seed: 0 }).length).toBe(0);
  });

  it('rejects bad input, naming the function and the argument', () => {
    expect(() => stratifiedSample(null as never)).toThrow(/stratifiedSample: expected an options object/);
    expect(() => stratifiedSample({ labels: null as never, count: 1, seed: 0 })).toThrow(/stratifiedSample: labels must be/);
    expect(() => stratifiedSample({ labels: [0, 1.5], count: 1, seed: 0 })).toThrow(/stratifiedSample: labels\[1\]/);
    expect(() => stratifiedSample({ labels: [0, -1], count: 1, seed: 0 })).toThrow(/stratifiedSample: labels\[1\]/);
    expect(() => stratifiedSample({ labels: [0, 1], count: -1, seed: 0 })).toThrow(/stratifiedSample: count/);
    expect(() => stratifiedSample({ labels: [0, 1], count: 1.5, seed: 0 })).toThrow(/stratifiedSample: count/);
    expect(() => stratifiedSample({ labels: [0, 1], count: 1, seed: Number.NaN })).toThrow(/stratifiedSample: seed/);
  });
});
