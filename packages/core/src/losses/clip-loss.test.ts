import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { ALIGN_LABEL_SMOOTHING, CLIP_INITIAL_LOGIT_SCALE, clipLoss } from './clip-loss.js';

/** Naive float64 CLIP loss with label smoothing over flat [N, D] arrays. */
function naiveClip(image: ArrayLike<number>, text: ArrayLike<number>, N: number, D: number, scale: number, smoothing: number): number {
  const normalize = (values: ArrayLike<number>, r: number) => {
    const row = Array.from({ length: D }, (_, d) => values[r * D + d]);
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / norm);
  };
  const u = Array.from({ length: N }, (_, r) => normalize(image, r));
  const v = Array.from({ length: N }, (_, r) => normalize(text, r));
  const logits = u.map((a) => v.map((b) => scale * a.reduce((s, x, d) => s + x * b[d], 0)));
  const crossEntropy = (row: (j: number) => number, target: number) => {
    const values = Array.from({ length: N }, (_, j) => row(j));
    const m = Math.max(...values);
    const logSum = m + Math.log(values.reduce((s, x) => s + Math.exp(x - m), 0));
    let loss = 0;
    for (let j = 0; j < N; j++) loss -= ((j === target ? 1 - smoothing : 0) + smoothing / N) * (values[j] - logSum);
    return loss;
  };
  let imageToText = 0;
  let textToImage = 0;
  for (let i = 0; i < N; i++) {
    imageToText += crossEntropy((j) => logits[i][j], i);
    textToImage += crossEntropy((j) => logits[j][i], i);
  }
  return (imageToText / N + textToImage / N) / 2;
}

describe.each(TEST_BACKENDS)('clipLoss on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const N = 4;
  const D = 5;

  it.each([0, ALIGN_LABEL_SMOOTHING, 0.3])('matches a float64 loop (label smoothing %s)', (labelSmoothing) => {
    const image = randomNormalArray(6 * 7, { seed: 1 });
    const text = randomNormalArray(6 * 7, { seed: 2 });
    const expected = naiveClip(image, text, 6, 7, CLIP_INITIAL_LOGIT_SCALE, labelSmoothing);
    const fromNumber = clipLoss(tf.tensor2d(image, [6, 7]), tf.tensor2d(text, [6, 7]), CLIP_INITIAL_LOGIT_SCALE, { labelSmoothing });
    expect(maxRelativeError([fromNumber.dataSync()[0]], [expected])).toBeLessThan(1e-4);
    const scale = tf.scalar(CLIP_INITIAL_LOGIT_SCALE);
    const fromTensor = clipLoss(tf.tensor2d(image, [6, 7]), tf.tensor2d(text, [6, 7]), scale, { labelSmoothing });
    expect(maxRelativeError([fromTensor.dataSync()[0]], [expected])).toBeLessThan(1e-4);
  });

  it('gives log(e^s + N - 1) - (1 - ε)s - εs/N for orthogonal matched pairs and log(N) for identical rows', () => {
    const basis = tf.eye(N, D) as tf.Tensor2D;
    const s = 3;
    const logSum = Math.log(Math.exp(s) + N - 1);
    expect(clipLoss(basis, tf.mul(basis, 2) as tf.Tensor2D, s).dataSync()[0]).toBeCloseTo(logSum - s, 5);
    const smoothed = clipLoss(basis, basis, s, { labelSmoothing: 0.1 }).dataSync()[0];
    expect(smoothed).toBeCloseTo(logSum - 0.9 * s - (0.1 * s) / N, 5);
    const same = tf.ones([N, D]) as tf.Tensor2D;
    expect(clipLoss(same, same, 50, { labelSmoothing: 0.1 }).dataSync()[0]).toBeCloseTo(Math.log(N), 5);
  });

  it.each([0, 0.1])('has gradients matching finite differences, including the logit scale (label smoothing %s)', (labelSmoothing) => {
    const image = randomNormalArray(N * D, { seed: 3 });
    const text = randomNormalArray(N * D, { seed: 4 });
    const scale = 2.5;
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      clipLoss(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Scalar, { labelSmoothing }),
    )([tf.tensor2d(image, [N, D]), tf.tensor2d(text, [N, D]), tf.scalar(scale)]);
    const expected = finiteDifferenceGradient(
      (x) => naiveClip(x.subarray(0, N * D), x.subarray(N * D, 2 * N * D), N, D, x[2 * N * D], labelSmoothing),
      Float64Array.from([...image, ...text, scale]),
    );
    expect(maxRelativeError(grads[0].dataSync(), expected.subarray(0, N * D))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[1].dataSync(), expected.subarray(N * D, 2 * N * D))).toBeLessThan(1e-3);
    expect(maxRelativeError(grads[2].dataSync(), expected.subarray(2 * N * D))).toBeLessThan(1e-3);
    expect(Math.abs(grads[2].dataSync()[0])).toBeGreaterThan(1e-3); // the scale does receive gradient
  });

  it('propagates NaN from the embeddings and from the logit scale', () => {
    const text = randomNormalArray(N * D, { seed: 5 });
    text[9] = Number.NaN;
    const image = tf.randomNormal([N, D]) as tf.Tensor2D;
    expect(Number.isNaN(clipLoss(image, tf.tensor2d(text, [N, D]), 10).dataSync()[0])).toBe(true);
    expect(Number.isNaN(clipLoss(image, image, tf.scalar(Number.NaN)).dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const x = tf.zeros([N, D]) as tf.Tensor2D;
    expect(() => clipLoss(x, tf.zeros([N + 1, D]) as tf.Tensor2D, 10)).toThrow('clipLoss: text must be [N, D] matching image [4, 5], got [5, 5]');
    expect(() => clipLoss(tf.zeros([N]) as unknown as tf.Tensor2D, x, 10)).toThrow(/^clipLoss: image must be \[N, D\]/);
    expect(() => clipLoss(x, tf.zeros([N, D], 'int32') as tf.Tensor2D, 10)).toThrow(/^clipLoss: text must have dtype float32/);
    for (const scale of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clipLoss(x, x, scale)).toThrow(/^clipLoss: logitScale must be a finite number > 0/);
    }
    expect(() => clipLoss(x, x, tf.tensor1d([10]) as unknown as tf.Scalar)).toThrow(/^clipLoss: logitScale must be a number or a scalar tensor/);
    expect(() => clipLoss(x, x, tf.scalar(10, 'int32'))).toThrow(/^clipLoss: logitScale must have dtype float32/);
    for (const labelSmoothing of [-0.1, 1, Number.NaN]) {
      expect(() => clipLoss(x, x, 10, { labelSmoothing })).toThrow(/^clipLoss: labelSmoothing must be a number in \[0, 1\)/);
    }
  });

  it('leaks no tensors, forward or backward', () => {
    const image = tf.randomNormal([N, D]) as tf.Tensor2D;
    const text = tf.randomNormal([N, D]) as tf.Tensor2D;
    const logScale = tf.variable(tf.scalar(Math.log(CLIP_INITIAL_LOGIT_SCALE)));
    expect(leakedTensors(() => clipLoss(image, text, 14, { labelSmoothing: 0.1 }))).toBe(0);
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => clipLoss(a as tf.Tensor2D, b as tf.Tensor2D, tf.exp(logScale) as tf.Scalar));
    expect(leakedTensors(() => gradients([image, text]))).toBe(0);
    expect(leakedTensors(() => tf.variableGrads(() => clipLoss(image, text, tf.exp(logScale) as tf.Scalar)))).toBe(0);
    tf.dispose([image, text, logScale]);
  });
});
