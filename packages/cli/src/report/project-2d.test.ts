import { describe, expect, it } from 'vitest';
import { project2d } from './project-2d.js';

/** A deterministic uniform generator in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('project2d', () => {
  it('puts the dominant direction on the first axis and the second one on the second, up to sign', () => {
    const random = lcg(3);
    const direction = [3, 4, 0, 0, 0, 0].map((x) => x / 5);
    const second = [0, 0, 0, 0, 1, 0];
    const latent = Array.from({ length: 200 }, () => [10 * (random() - 0.5), 3 * (random() - 0.5)]);
    const embeddings = latent.map(([a, b]) => direction.map((u, d) => 5 + a * u + b * second[d] + 0.05 * (random() - 0.5)));
    const { points, explainedVariance } = project2d(embeddings);

    expect(points).toHaveLength(200);
    expect(points.every((point) => point.length === 2)).toBe(true);
    const correlation = (axis: 0 | 1, index: 0 | 1) =>
      pearson(
        points.map((point) => point[axis]),
        latent.map((pair) => pair[index]),
      );
    expect(Math.abs(correlation(0, 0))).toBeGreaterThan(0.999);
    expect(Math.abs(correlation(1, 1))).toBeGreaterThan(0.99);
    expect(explainedVariance[0]).toBeGreaterThan(0.85);
    expect(explainedVariance[0] + explainedVariance[1]).toBeGreaterThan(0.99);
    expect(mean(points.map((point) => point[0]))).toBeCloseTo(0, 6);
  });

  it('is pure and points each axis the same way for the same data', () => {
    const embeddings = [
      [0, 0, 1],
      [2, 0.5, 1],
      [4, 1.5, 1],
      [6, 1, 1],
    ];
    const copy = embeddings.map((row) => [...row]);
    const first = project2d(embeddings);
    expect(embeddings).toEqual(copy);
    expect(project2d(embeddings.slice().reverse()).points.reverse()).toEqual(
      first.points.map(([x, y]) => [expect.closeTo(x, 9), expect.closeTo(y, 9)]),
    );
    expect(first.points[3][0]).toBeGreaterThan(first.points[0][0]);
  });

  it('gives 0, not NaN, on the flat axes of degenerate data', () => {
    expect(project2d([[1, 2, 3]])).toEqual({ points: [[0, 0]], explainedVariance: [0, 0] });
    expect(
      project2d([
        [1, 2],
        [1, 2],
        [1, 2],
      ]).points,
    ).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const line = project2d([
      [0, 0],
      [1, 2],
      [2, 4],
    ]);
    expect(line.points.map(([x, y]) => [x, y])).toEqual([
      [expect.closeTo(-Math.sqrt(5), 9), 0],
      [expect.closeTo(0, 9), 0],
      [expect.closeTo(Math.sqrt(5), 9), 0],
    ]);
    expect(line.explainedVariance).toEqual([expect.closeTo(1, 9), 0]);
    expect(project2d([[1], [3]]).points).toEqual([
      [-1, 0],
      [1, 0],
    ]);
  });

  it('rejects ragged or non-finite input, naming the row', () => {
    expect(() => project2d([])).toThrow(/project2d: embeddings must be a non-empty \(N, D\) array, got \(0, 0\)/);
    expect(() => project2d([[1, 2], [3]])).toThrow(/project2d: embeddings\[1\] must hold 2 finite numbers/);
    expect(() =>
      project2d([
        [1, 2],
        [3, Number.NaN],
      ]),
    ).toThrow(/embeddings\[1\]/);
  });
});

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function pearson(a: number[], b: number[]): number {
  const [meanA, meanB] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - meanA) * (b[i] - meanB);
    aa += (a[i] - meanA) ** 2;
    bb += (b[i] - meanB) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}
