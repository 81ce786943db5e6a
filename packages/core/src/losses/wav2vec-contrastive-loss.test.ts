import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS, wav2vecContrastiveLoss } from './wav2vec-contrastive-loss.js';

/** Naive float64 wav2vec 2.0 contrastive loss; context, quantized [T, D], distractors [T, K, D] flat. */
function naiveWav2vec(
  context: ArrayLike<number>,
  quantized: ArrayLike<number>,
  distractors: ArrayLike<number>,
  T: number,
  K: number,
  D: number,
  temperature: number,
): number {
  const cosine = (a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let d = 0; d < D; d++) {
      dot += a[ai + d] * b[bi + d];
      na += a[ai + d] ** 2;
      nb += b[bi + d] ** 2;
    }
    return dot / Math.sqrt(na * nb);
  };
  let total = 0;
  for (let t = 0; t < T; t++) {
    const logits = [cosine(context, t * D, quantized, t * D) / temperature];
    for (let k = 0; k < K; k++) {
      const offset = (t * K + k) * D;
      let same = true;
      for (let d = 0; d < D; d++) if (distractors[offset + d] !== quantized[t * D + d]) same = false;
      logits.push(same ? Number.NEGATIVE_INFINITY : cosine(context, t * D, distractors, offset) / temperature);
    }
    const m = Math.max(...logits);
    total += m + Math.log(logits.reduce((s, l) => s + Math.exp(l - m), 0)) - logits[0];
  }
  return total / T;
}

describe.each(TEST_BACKENDS)('wav2vecContrastiveLoss on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const T = 4;
  const K = 3;
  const D = 5;

  it('matches a float64 loop, including a distractor equal to the positive', () => {
    const c = randomNormalArray(T * D, { seed: 1 });
    const q = randomNormalArray(T * D, { seed: 2 });
    const d = randomNormalArray(T * K * D, { seed: 3 });
    for (let j = 0; j < D; j++) d[(1 * K + 2) * D + j] = q[1 * D + j]; // frame 1, distractor 2 is the positive
    const args = [tf.tensor2d(c, [T, D]), tf.tensor2d(q, [T, D]), tf.tensor3d(d, [T, K, D])] as const;
    const expected = naiveWav2vec(c, q, d, T, K, D, WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS.temperature);
    expect(maxRelativeError([wav2vecContrastiveLoss(...args).dataSync()[0]], [expected])).toBeLessThan(1e-4);
    const warm = wav2vecContrastiveLoss(...args, { temperature: 0.7 }).dataSync()[0];
    expect(maxRelativeError([warm], [naiveWav2vec(c, q, d, T, K, D, 0.7)])).toBeLessThan(1e-4);
  });

  it('gives log(e^(1/t) + K) - 1/t for orthogonal distractors and 0 when every distractor is the positive', () => {
    const t = 0.5;
    const q = tf.tensor2d([
      [1, 0, 0, 0],
      [0, 2, 0, 0],
    ]);
    const c = tf.mul(q, 3) as tf.Tensor2D;
    const orthogonal = tf.tensor3d([
      [
        [0, 1, 0, 0],
        [0, 0, 1, 0],
      ],
      [
        [1, 0, 0, 0],
        [0, 0, 0, 5],
      ],
    ]);
    const loss = wav2vecContrastiveLoss(c, q, orthogonal, { temperature: t }).dataSync()[0];
    expect(loss).toBeCloseTo(Math.log(Math.exp(1 / t) + 2) - 1 / t, 5);
    const copies = tf.stack([q, q], 1) as tf.Tensor3D; // [T, 2, D], each equal to its frame's positive
    expect(wav2vecContrastiveLoss(c, q, copies, { temperature: t }).dataSync()[0]).toBeCloseTo(0, 6);
    // Only exact equality is masked: a scaled copy of the positive still counts as a distractor.
    const scaled = tf.mul(copies, 2) as tf.Tensor3D;
    expect(wav2vecContrastiveLoss(c, q, scaled, { temperature: t }).dataSync()[0]).toBeCloseTo(Math.log(3), 5);
  });

  it('has gradients matching finite differences for context, quantized and distractors', () => {
    const sizes = [T * D, T * D, T * K * D];
    const values = sizes.map((size, i) => randomNormalArray(size, { seed: 10 + i }));
    const grads = tf.grads((c: tf.Tensor, q: tf.Tensor, d: tf.Tensor) =>
      wav2vecContrastiveLoss(c as tf.Tensor2D, q as tf.Tensor2D, d as tf.Tensor3D, { temperature: 0.3 }),
    )([tf.tensor2d(values[0], [T, D]), tf.tensor2d(values[1], [T, D]), tf.tensor3d(values[2], [T, K, D])]);
    const expected = finiteDifferenceGradient(
      (x) => naiveWav2vec(x.subarray(0, T * D), x.subarray(T * D, 2 * T * D), x.subarray(2 * T * D), T, K, D, 0.3),
      Float64Array.from(values.flatMap((v) => Array.from(v))),
    );
    let offset = 0;
    grads.forEach((grad, i) => {
      expect(maxRelativeError(grad.dataSync(), expected.subarray(offset, offset + sizes[i]))).toBeLessThan(1e-3);
      offset += sizes[i];
    });
  });

  it('has a finite context gradient matching finite differences when a distractor equals the positive', () => {
    const c = randomNormalArray(T * D, { seed: 20 });
    const q = randomNormalArray(T * D, { seed: 21 });
    const d = randomNormalArray(T * K * D, { seed: 22 });
    for (let j = 0; j < D; j++) d[(2 * K + 0) * D + j] = q[2 * D + j];
    const quantized = tf.tensor2d(q, [T, D]);
    const distractors = tf.tensor3d(d, [T, K, D]);
    const grad = tf.grad((x: tf.Tensor) => wav2vecContrastiveLoss(x as tf.Tensor2D, quantized, distractors))(tf.tensor2d(c, [T, D]));
    const expected = finiteDifferenceGradient((x) => naiveWav2vec(x, q, d, T, K, D, WAV2VEC_CONTRASTIVE_LOSS_DEFAULTS.temperature), c);
    expect(maxRelativeError(grad.dataSync(), expected)).toBeLessThan(1e-3);
  });

  it('propagates NaN', () => {
    const d = randomNormalArray(T * K * D, { seed: 30 });
    d[17] = Number.NaN;
    const loss = wav2vecContrastiveLoss(tf.randomNormal([T, D]), tf.randomNormal([T, D]), tf.tensor3d(d, [T, K, D]));
    expect(Number.isNaN(loss.dataSync()[0])).toBe(true);
    const c = randomNormalArray(T * D, { seed: 31 });
    c[0] = Number.NaN;
    const fromContext = wav2vecContrastiveLoss(tf.tensor2d(c, [T, D]), tf.randomNormal([T, D]), tf.randomNormal([T, K, D]));
    expect(Number.isNaN(fromContext.dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const x = tf.zeros([T, D]) as tf.Tensor2D;
    const d = tf.zeros([T, K, D]) as tf.Tensor3D;
    expect(() => wav2vecContrastiveLoss(x, tf.zeros([T + 1, D]) as tf.Tensor2D, d)).toThrow(
      'wav2vecContrastiveLoss: quantized must be [T, D] matching context [4, 5], got [5, 5]',
    );
    expect(() => wav2vecContrastiveLoss(tf.zeros([T, 1, D]) as unknown as tf.Tensor2D, x, d)).toThrow(
      /^wav2vecContrastiveLoss: context must be \[T, D\]/,
    );
    expect(() => wav2vecContrastiveLoss(x, x, tf.zeros([T, D]) as unknown as tf.Tensor3D)).toThrow(
      /^wav2vecContrastiveLoss: distractors must be \[T, K, D\] \(rank 3\)/,
    );
    expect(() => wav2vecContrastiveLoss(x, x, tf.zeros([T, K, D + 1]) as tf.Tensor3D)).toThrow(
      /^wav2vecContrastiveLoss: distractors must be \[T, K, D\] with T = 4 and D = 5/,
    );
    expect(() => wav2vecContrastiveLoss(x, x, tf.zeros([T, K, D], 'int32') as tf.Tensor3D)).toThrow(
      /^wav2vecContrastiveLoss: distractors must have dtype float32/,
    );
    expect(() => wav2vecContrastiveLoss(x, x, d, { temperature: 0 })).toThrow(/^wav2vecContrastiveLoss: temperature must be/);
  });

  it('leaks no tensors, forward or backward', () => {
    const c = tf.randomNormal([T, D]) as tf.Tensor2D;
    const q = tf.randomNormal([T, D]) as tf.Tensor2D;
    const d = tf.randomNormal([T, K, D]) as tf.Tensor3D;
    expect(leakedTensors(() => wav2vecContrastiveLoss(c, q, d))).toBe(0);
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor, e: tf.Tensor) =>
      wav2vecContrastiveLoss(a as tf.Tensor2D, b as tf.Tensor2D, e as tf.Tensor3D),
    );
    expect(leakedTensors(() => gradients([c, q, d]))).toBe(0);
    tf.dispose([c, q, d]);
  });
});
