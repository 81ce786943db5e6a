import { createRandom } from '../random/seeded-random.js';
import { shuffleInPlace } from '../random/shuffle.js';
import { assertInteger, readLabels } from './feature-matrix.js';

export interface StratifiedSampleOptions {
  /** [N] class of each row, integers >= 0 (e.g. the labels of a training split). */
  labels: ArrayLike<number>;
  /** Rows to draw; `count >= N` returns every row. */
  count: number;
  /** Seeds which rows of each class are drawn (the run seed); the same seed gives the same sample. */
  seed: number;
}

const FN = 'stratifiedSample';

/**
 * A seeded sample of `count` rows with every class in proportion to its size, as sorted
 * row indices. Use it wherever "the first `count` rows" would silently depend on the
 * order of the data: on a class-sorted training split (an image folder read class by
 * class) the first rows are the first classes only.
 *
 * Allocation (largest remainder, Hamilton's method): class c, with n_c of the N rows,
 * gets floor(count * n_c / N) rows; the rows left over go one each to the classes with
 * the largest remainders (ties: lower class). When `count` is at least the number of
 * classes present, a class that would get no row takes one from the class that is most
 * above its exact share, so every class is represented. Within each class (in label
 * order) the rows are a seeded shuffle (`shuffleInPlace`, one generator seeded with
 * `seed`) cut to the allocation. The result is sorted, so reading the rows stays close
 * to sequential.
 *
 * Shape: labels (N) -> Int32Array (min(count, N)), strictly increasing indices in [0, N).
 *
 * @example
 * const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
 * const rows = stratifiedSample({ labels, count: 5, seed: 0 }); // 3 rows of class 0, 1 of class 1, 1 of class 2
 * const probeLabels = Array.from(rows, (row) => labels[row]);  // [0, 0, 0, 1, 2]
 */
export function stratifiedSample(options: StratifiedSampleOptions): Int32Array {
  if (options === null || typeof options !== 'object') throw new Error(`${FN}: expected an options object {labels, count, seed}`);
  const source = options.labels as ArrayLike<number> | null | undefined;
  const total = source !== null && typeof source === 'object' && typeof source.length === 'number' ? source.length : 0;
  const labels = readLabels(FN, 'labels', options.labels, total);
  assertInteger(FN, 'count', options.count, 0);
  if (typeof options.seed !== 'number' || !Number.isFinite(options.seed)) throw new Error(`${FN}: seed must be a finite number, got ${options.seed}`);
  const count = options.count;
  if (count >= total) return Int32Array.from({ length: total }, (_, i) => i);

  // Rows of each class, in row order; classes in label order.
  const members = new Map<number, number[]>();
  for (let row = 0; row < total; row++) {
    const rows = members.get(labels[row]);
    if (rows) rows.push(row);
    else members.set(labels[row], [row]);
  }
  const classes = [...members.keys()].sort((a, b) => a - b);
  const sizes = classes.map((label) => members.get(label)!.length);
  const quotas = allocate(sizes, count, total);

  const random = createRandom(options.seed);
  const sample = new Int32Array(count);
  let filled = 0;
  classes.forEach((label, c) => {
    const rows = members.get(label)!;
    if (quotas[c] < rows.length) shuffleInPlace(rows, random);
    for (let k = 0; k < quotas[c]; k++) sample[filled++] = rows[k];
  });
  return sample.sort();
}

/** Largest-remainder allocation of `count` rows over classes of `sizes` (summing to `total`), at least one each when count allows. */
function allocate(sizes: number[], count: number, total: number): number[] {
  // count * n_c stays an exact integer (count < total <= 2^26 rows keeps it below 2^53).
  const quotas = sizes.map((size) => Math.floor((count * size) / total));
  const remainders = sizes.map((size) => (count * size) % total);
  const left = count - quotas.reduce((sum, quota) => sum + quota, 0);
  const byRemainder = sizes.map((_, c) => c).sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let k = 0; k < left; k++) quotas[byRemainder[k]]++;
  if (count >= sizes.length) {
    for (let c = 0; c < sizes.length; c++) {
      if (quotas[c] > 0) continue;
      // Excess over the exact share count * n_d / N, in units of 1 / N.
      let donor = -1;
      for (let d = 0; d < sizes.length; d++) {
        if (quotas[d] < 2) continue;
        if (donor < 0 || quotas[d] * total - count * sizes[d] > quotas[donor] * total - count * sizes[donor]) donor = d;
      }
      quotas[donor]--;
      quotas[c]++;
    }
  }
  return quotas;
}
