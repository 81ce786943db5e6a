import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { NT_XENT_DEFAULTS, ntXent } from './nt-xent.js';

/** Rows of a flat [rows, D] array, each divided by its norm, in float64. */
function normalizedRows(values: ArrayLike<number>, rows: number, D: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: D }, (_, d) => values[r * D + d]);
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    out.push(row.map((v) => v / norm));
  }
  return out;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** Naive float64 NT-Xent: anchors are z1 rows then z2 rows; `bank` holds K extra negatives. */
function naiveNtXent(z1: ArrayLike<number>, z2: ArrayLike<number>, N: number, D: number, t: number, bank?: ArrayLike<number>, K = 0): number {
  const z = [...normalizedRows(z1, N, D), ...normalizedRows(z2, N, D)];
  const extra = bank ? normalizedRows(bank, K, D) : [];
  let total = 0;
  for (let i = 0; i < 2 * N; i++) {
    const positive = dot(z[i], z[(i + N) % (2 * N)]) / t;
    const logits: number[] = [];
    for (let j = 0; j < 2 * N; j++) if (j !== i) logits.push(dot(z[i], z[j]) / t);
    for (const n of extra) logits.push(dot(z[i], n) / t);
    const m = Math.max(...logits);
    total += m + Math.log(logits.reduce((s, l) => s + Math.exp(l - m), 0)) - positive;
  }
  return total / (2 * N);
}

describe.each(TEST_BACKENDS)('ntXent on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const N = 4;
  const D = 5;
  const K = 3;

  it.each([false, true])('matches a float64 loop (memory bank: %s)', (withBank) => {
    const a = randomNormalArray(N * D, { seed: 1 });
    const b = randomNormalArray(N * D, { seed: 2 });
    const bank = randomNormalArray(K * D, { seed: 3 });
    const negatives = withBank ? tf.tensor2d(bank, [K, D]) : undefined;
    const loss = ntXent(tf.tensor2d(a, [N, D]), tf.tensor2d(b, [N, D]), { temperature: 0.2, negatives });
    const expected = naiveNtXent(a, b, N, D, 0.2, withBank ? bank : undefined, K);
    expect(maxRelativeError([loss.dataSync()[0]], [expected])).toBeLessThan(1e-4);
    const defaults = ntXent(tf.tensor2d(a, [N, D]), tf.tensor2d(b, [N, D]), { negatives });
    const expectedDefaults = naiveNtXent(a, b, N, D, NT_XENT_DEFAULTS.temperature, withBank ? bank : undefined, K);
    expect(maxRelativeError([defaults.dataSync()[0]], [expectedDefaults])).toBeLessThan(1e-4);
  });

  it('gives log(2N - 1 + K) for identical rows and log(e^(1/t) + 2N - 2) - 1/t for orthogonal pairs', () => {
    const same = tf.ones([N, D]) as tf.Tensor2D;
    expect(ntXent(same, tf.mul(same, 3) as tf.Tensor2D).dataSync()[0]).toBeCloseTo(Math.log(2 * N - 1), 5);
    const bank = tf.ones([K, D]) as tf.Tensor2D;
    expect(ntXent(same, same, { negatives: bank }).dataSync()[0]).toBeCloseTo(Math.log(2 * N - 1 + K), 5);
    const t = 0.5;
    const basis = tf.eye(N, D) as tf.Tensor2D; // each pair aligned, orthogonal to the others
    expect(ntXent(basis, basis, { temperature: t }).dataSync()[0]).toBeCloseTo(Math.log(Math.exp(1 / t) + 2 * N - 2) - 1 / t, 5);
    // A batch of one pair has no negatives: the positive is the only choice.
    expect(ntXent(tf.ones([1, D]) as tf.Tensor2D, tf.ones([1, D]) as tf.Tensor2D).dataSync()[0]).toBeCloseTo(0, 6);
  });

  it.each([false, true])('has gradients matching finite differences (memory bank: %s)', (withBank) => {
    const sizes = withBank ? [N * D, N * D, K * D] : [N * D, N * D];
    const values = sizes.map((size, i) => randomNormalArray(size, { seed: 10 + i }));
    const shapes = [
      [N, D],
      [N, D],
      [K, D],
    ];
    const tensors = values.map((v, i) => tf.tensor(v, shapes[i]));
    const grads = tf.grads((...inputs: tf.Tensor[]) =>
      ntXent(inputs[0] as tf.Tensor2D, inputs[1] as tf.Tensor2D, {
        temperature: 0.3,
        negatives: inputs[2] as tf.Tensor2D | undefined,
      }),
    )(tensors);
    const flat = Float64Array.from(values.flatMap((v) => Array.from(v)));
    const expected = finiteDifferenceGradient(
      (x) => naiveNtXent(x.subarray(0, N * D), x.subarray(N * D, 2 * N * D), N, D, 0.3, withBank ? x.subarray(2 * N * D) : undefined, K),
      flat,
    );
    let offset = 0;
    grads.forEach((grad, i) => {
      expect(maxRelativeError(grad.dataSync(), expected.subarray(offset, offset + sizes[i]))).toBeLessThan(1e-3);
      offset += sizes[i];
    });
  });

  it('propagates NaN', () => {
    const b = randomNormalArray(N * D, { seed: 20 });
    b[6] = Number.NaN;
    expect(Number.isNaN(ntXent(tf.randomNormal([N, D]), tf.tensor2d(b, [N, D])).dataSync()[0])).toBe(true);
    const bank = randomNormalArray(K * D, { seed: 21 });
    bank[2] = Number.NaN;
    const withBank = ntXent(tf.randomNormal([N, D]), tf.randomNormal([N, D]), { negatives: tf.tensor2d(bank, [K, D]) });
    expect(Number.isNaN(withBank.dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const z = tf.zeros([8, 16]) as tf.Tensor2D;
    expect(() => ntXent(z, tf.zeros([8, 15]) as tf.Tensor2D)).toThrow('ntXent: z2 must be [N, D] matching z1 [8, 16], got [8, 15]');
    expect(() => ntXent(tf.zeros([8, 16, 1]) as unknown as tf.Tensor2D, z)).toThrow(/^ntXent: z1 must be \[N, D\] \(rank 2\)/);
    expect(() => ntXent(z, tf.zeros([8, 16], 'int32') as tf.Tensor2D)).toThrow(/^ntXent: z2 must have dtype float32/);
    expect(() => ntXent(z, z, { negatives: tf.zeros([4, 15]) as tf.Tensor2D })).toThrow(/^ntXent: options\.negatives must be \[K, D\]/);
    expect(() => ntXent(z, z, { negatives: tf.zeros([16]) as unknown as tf.Tensor2D })).toThrow(/^ntXent: options\.negatives/);
    expect(() => ntXent(tf.zeros([0, 16]) as tf.Tensor2D, tf.zeros([0, 16]) as tf.Tensor2D)).toThrow(/^ntXent: z1/);
    for (const temperature of [0, -1, Number.NaN]) {
      expect(() => ntXent(z, z, { temperature })).toThrow(/^ntXent: temperature must be a finite number > 0/);
    }
  });

  it('leaks no tensors, forward or backward', () => {
    const a = tf.randomNormal([N, D]) as tf.Tensor2D;
    const b = tf.randomNormal([N, D]) as tf.Tensor2D;
    const bank = tf.randomNormal([K, D]) as tf.Tensor2D;
    expect(leakedTensors(() => ntXent(a, b, { negatives: bank }))).toBe(0);
    const gradients = tf.grads((x: tf.Tensor, y: tf.Tensor, n: tf.Tensor) =>
      ntXent(x as tf.Tensor2D, y as tf.Tensor2D, { negatives: n as tf.Tensor2D }),
    );
    expect(leakedTensors(() => gradients([a, b, bank]))).toBe(0);
    tf.dispose([a, b, bank]);
  });
});
