import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { DINO_LOSS_DEFAULTS, dinoLoss } from './dino-loss.js';

/** Naive float64 DINO loss over views given as flat [N, K] arrays. */
function naiveDino(
  students: ArrayLike<number>[],
  teachers: ArrayLike<number>[],
  center: ArrayLike<number>,
  N: number,
  K: number,
  studentTemperature: number,
  teacherTemperature: number,
): number {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < teachers.length; i++) {
    for (let j = 0; j < students.length; j++) {
      if (i === j) continue;
      let pairLoss = 0;
      for (let n = 0; n < N; n++) {
        const t = Array.from({ length: K }, (_, k) => (teachers[i][n * K + k] - center[k]) / teacherTemperature);
        const s = Array.from({ length: K }, (_, k) => students[j][n * K + k] / studentTemperature);
        const tMax = Math.max(...t);
        const tSum = t.reduce((acc, v) => acc + Math.exp(v - tMax), 0);
        const sMax = Math.max(...s);
        const sLogSum = sMax + Math.log(s.reduce((acc, v) => acc + Math.exp(v - sMax), 0));
        for (let k = 0; k < K; k++) pairLoss -= (Math.exp(t[k] - tMax) / tSum) * (s[k] - sLogSum);
      }
      total += pairLoss / N;
      pairs++;
    }
  }
  return total / pairs;
}

describe.each(TEST_BACKENDS)('dinoLoss on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const N = 3;
  const K = 4;
  const STUDENT_VIEWS = 4;
  const TEACHER_VIEWS = 2;

  it('matches a float64 loop (2 global + 2 local crops, center [K] and [1, K])', () => {
    const s = Array.from({ length: STUDENT_VIEWS }, (_, v) => randomNormalArray(N * K, { seed: 1 + v }));
    const t = Array.from({ length: TEACHER_VIEWS }, (_, v) => randomNormalArray(N * K, { seed: 10 + v, scale: 0.2 }));
    const c = randomNormalArray(K, { seed: 20, scale: 0.1 });
    const students = s.map((v) => tf.tensor2d(v, [N, K]));
    const teachers = t.map((v) => tf.tensor2d(v, [N, K]));
    const expected = naiveDino(s, t, c, N, K, DINO_LOSS_DEFAULTS.studentTemperature, DINO_LOSS_DEFAULTS.teacherTemperature);
    expect(maxRelativeError([dinoLoss(students, teachers, tf.tensor1d(c)).dataSync()[0]], [expected])).toBeLessThan(1e-4);
    expect(maxRelativeError([dinoLoss(students, teachers, tf.tensor2d(c, [1, K])).dataSync()[0]], [expected])).toBeLessThan(1e-4);
    const options = { studentTemperature: 0.3, teacherTemperature: 0.07 };
    const expectedOptions = naiveDino(s, t, c, N, K, 0.3, 0.07);
    const actual = dinoLoss(students, teachers, tf.tensor1d(c), options).dataSync()[0];
    expect(maxRelativeError([actual], [expectedOptions])).toBeLessThan(1e-4);
  });

  it('gives log(K) for a one-hot teacher and a uniform student, ~0 when the student copies the teacher', () => {
    const oneHot = tf.mul(tf.oneHot(tf.tensor1d([0, 3, 1], 'int32'), K), 100) as tf.Tensor2D; // softmax(100 / 0.04) is one-hot
    const center = tf.zeros([K]) as tf.Tensor1D;
    const uniform = tf.zeros([N, K]) as tf.Tensor2D;
    expect(dinoLoss([uniform, uniform, uniform], [oneHot, oneHot], center).dataSync()[0]).toBeCloseTo(Math.log(K), 5);
    expect(dinoLoss([oneHot, oneHot, oneHot], [oneHot, oneHot], center).dataSync()[0]).toBeCloseTo(0, 5);
    // Only pairs of different crops count: the pairs (0, 0) and (1, 1) disagree completely but are skipped.
    const other = tf.mul(tf.oneHot(tf.tensor1d([2, 2, 2], 'int32'), K), 100) as tf.Tensor2D;
    expect(dinoLoss([other, oneHot], [oneHot, other], center).dataSync()[0]).toBeCloseTo(0, 5);
    expect(dinoLoss([oneHot, other], [oneHot, other], center).dataSync()[0]).toBeGreaterThan(100);
  });

  it('leaves the center unchanged', () => {
    const center = tf.tensor1d([0.1, -0.2, 0.3, 0]);
    dinoLoss([tf.randomNormal([N, K]), tf.randomNormal([N, K])], [tf.randomNormal([N, K])], center);
    expect(Array.from(center.dataSync())).toEqual(Array.from(new Float32Array([0.1, -0.2, 0.3, 0])));
  });

  it('has gradients matching finite differences for every view and the center', () => {
    const sizes = [...Array(STUDENT_VIEWS + TEACHER_VIEWS).fill(N * K), K];
    const values = sizes.map((size, i) => randomNormalArray(size, { seed: 30 + i }));
    const tensors = values.map((v, i) => (i < sizes.length - 1 ? tf.tensor2d(v, [N, K]) : tf.tensor1d(v)));
    const options = { studentTemperature: 0.5, teacherTemperature: 0.2 };
    const grads = tf.grads((...inputs: tf.Tensor[]) =>
      dinoLoss(
        inputs.slice(0, STUDENT_VIEWS) as tf.Tensor2D[],
        inputs.slice(STUDENT_VIEWS, STUDENT_VIEWS + TEACHER_VIEWS) as tf.Tensor2D[],
        inputs[inputs.length - 1] as tf.Tensor1D,
        options,
      ),
    )(tensors);
    const flat = Float64Array.from(values.flatMap((v) => Array.from(v)));
    const expected = finiteDifferenceGradient((x) => {
      const parts = sizes.map((size, i) => x.subarray(i * N * K, i * N * K + size));
      return naiveDino(parts.slice(0, STUDENT_VIEWS), parts.slice(STUDENT_VIEWS, -1), parts[parts.length - 1], N, K, 0.5, 0.2);
    }, flat);
    grads.forEach((grad, i) => {
      const start = i * N * K;
      expect(maxRelativeError(grad.dataSync(), expected.subarray(start, start + sizes[i]))).toBeLessThan(1e-3);
    });
  });

  it('propagates NaN from a student view, a teacher view and the center', () => {
    const bad = randomNormalArray(N * K, { seed: 40 });
    bad[5] = Number.NaN;
    const good = () => tf.randomNormal([N, K]) as tf.Tensor2D;
    const center = tf.zeros([K]) as tf.Tensor1D;
    const lossIsNaN = (loss: tf.Scalar) => Number.isNaN(loss.dataSync()[0]);
    expect(lossIsNaN(dinoLoss([good(), good(), tf.tensor2d(bad, [N, K])], [good(), good()], center))).toBe(true);
    expect(lossIsNaN(dinoLoss([good(), good()], [good(), tf.tensor2d(bad, [N, K])], center))).toBe(true);
    expect(lossIsNaN(dinoLoss([good(), good()], [good(), good()], tf.tensor1d([0, Number.NaN, 0, 0])))).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    const v = tf.zeros([N, K]) as tf.Tensor2D;
    const center = tf.zeros([K]) as tf.Tensor1D;
    expect(() => dinoLoss([], [v], center)).toThrow(/^dinoLoss: studentLogits must be a non-empty array/);
    expect(() => dinoLoss([v, v], v as unknown as tf.Tensor2D[], center)).toThrow(/^dinoLoss: teacherLogits must be a non-empty array/);
    expect(() => dinoLoss([v, tf.zeros([N, K + 1]) as tf.Tensor2D], [v], center)).toThrow(
      'dinoLoss: studentLogits[1] must be [N, K] matching studentLogits[0] [3, 4], got [3, 5]',
    );
    expect(() => dinoLoss([v, v], [tf.zeros([N + 1, K]) as tf.Tensor2D], center)).toThrow(/^dinoLoss: teacherLogits\[0\] must be \[N, K\]/);
    expect(() => dinoLoss([v, v], [tf.zeros([N, K], 'int32') as tf.Tensor2D], center)).toThrow(
      /^dinoLoss: teacherLogits\[0\] must have dtype float32/,
    );
    expect(() => dinoLoss([v, v], [v], tf.zeros([K + 1]) as tf.Tensor1D)).toThrow(/^dinoLoss: center must be \[K\] or \[1, K\] with K = 4/);
    expect(() => dinoLoss([v, v], [v], tf.zeros([2, K]) as tf.Tensor2D)).toThrow(/^dinoLoss: center/);
    expect(() => dinoLoss([v], [v], center)).toThrow(/^dinoLoss: studentLogits and teacherLogits must give at least one pair/);
    expect(() => dinoLoss([v, v], [v], center, { studentTemperature: 0 })).toThrow(/^dinoLoss: studentTemperature must be a finite number > 0/);
    expect(() => dinoLoss([v, v], [v], center, { teacherTemperature: -0.04 })).toThrow(/^dinoLoss: teacherTemperature must be/);
  });

  it('leaks no tensors, forward or backward', () => {
    const views = Array.from({ length: STUDENT_VIEWS }, () => tf.randomNormal([N, K]) as tf.Tensor2D);
    const center = tf.zeros([1, K]) as tf.Tensor2D;
    expect(leakedTensors(() => dinoLoss(views, views.slice(0, 2), center))).toBe(0);
    const gradients = tf.grads((...inputs: tf.Tensor[]) => dinoLoss(inputs as tf.Tensor2D[], inputs.slice(0, 2) as tf.Tensor2D[], center));
    expect(leakedTensors(() => gradients(views))).toBe(0);
    tf.dispose([...views, center]);
  });
});
