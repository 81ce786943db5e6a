import * as tf from '../tf.js';
import { assertFloatTensor, assertPositiveNumber, assertSameShape, formatShape } from '../validation/index.js';

/** Defaults of `dinoLoss` (Caron et al. 2021). */
export const DINO_LOSS_DEFAULTS = Object.freeze({
  /** Student softmax temperature of DINO. */
  studentTemperature: 0.1,
  /** Teacher softmax temperature of DINO at the start of its warm-up (0.04, raised to 0.07 by a schedule elsewhere). */
  teacherTemperature: 0.04,
});

export interface DinoLossOptions {
  /** Divides the student logits before the log-softmax. Default 0.1. */
  studentTemperature?: number;
  /** Divides the centred teacher logits before the softmax; lower is sharper. Default 0.04. */
  teacherTemperature?: number;
}

const LOSS = 'dinoLoss';

/**
 * DINO's self-distillation loss: cross-entropy from the centred, sharpened teacher
 * distribution to the student's, over every pair of different crops.
 *
 * With Ts, Tt the temperatures and c the center:
 *
 *   P_i = softmax((teacherLogits[i] - c) / Tt)        (teacher view i)
 *   log Q_j = logSoftmax(studentLogits[j] / Ts)       (student view j)
 *   loss_ij = mean_n ( -sum_k P_i[n, k] log Q_j[n, k] )
 *   loss = sum over pairs i != j of loss_ij / number of such pairs
 *
 * Teacher view i must be the same crop as student view i (the student sees the global
 * crops first, then the local ones; the teacher sees only the global ones), so equal
 * indices are skipped. With 2 teacher views and V student views there are 2V - 2 pairs.
 *
 * Reference: DINO (Caron et al. 2021, "Emerging Properties in Self-Supervised Vision
 * Transformers").
 *
 * Pure: the caller applies stopGradient to the teacher logits, and updates the center
 * (an EMA of the teacher outputs, momentum 0.9) in its own step; this function reads
 * `center` and never changes it.
 *
 * @param studentLogits V_s tensors of shape [N, K], float32: student outputs per crop, globals first.
 * @param teacherLogits V_t tensors of shape [N, K], float32: teacher outputs per global crop.
 * @param center Shape [K] or [1, K], float32.
 * @param options `studentTemperature` (default 0.1) and `teacherTemperature` (default 0.04), both > 0.
 * @returns A scalar: the mean over crop pairs of the per-pair mean over the N samples.
 *
 * @example
 * const student = [global1, global2, local1, local2].map((x) => studentHead.apply(x) as tf.Tensor2D);
 * const teacher = [global1, global2].map((x) => stopGradient(teacherHead.apply(x) as tf.Tensor2D));
 * const loss = dinoLoss(student, teacher, center, { teacherTemperature: 0.04 });
 */
export function dinoLoss(
  studentLogits: tf.Tensor2D[],
  teacherLogits: tf.Tensor2D[],
  center: tf.Tensor1D | tf.Tensor2D,
  options: DinoLossOptions = {},
): tf.Scalar {
  const views = (name: string, list: unknown): tf.Tensor2D[] => {
    if (!Array.isArray(list) || list.length === 0) {
      throw new Error(`${LOSS}: ${name} must be a non-empty array of [N, K] tensors, got ${Array.isArray(list) ? 'an empty array' : typeof list}`);
    }
    return list as tf.Tensor2D[];
  };
  const students = views('studentLogits', studentLogits);
  const teachers = views('teacherLogits', teacherLogits);
  const reference = students[0];
  assertFloatTensor(LOSS, 'studentLogits[0]', reference, 2, '[N, K]');
  const check = (name: string, tensor: tf.Tensor2D) => {
    assertFloatTensor(LOSS, name, tensor, 2, '[N, K]');
    assertSameShape(LOSS, name, tensor, 'studentLogits[0]', reference, '[N, K]');
  };
  for (const [j, tensor] of students.entries()) check(`studentLogits[${j}]`, tensor);
  for (const [i, tensor] of teachers.entries()) check(`teacherLogits[${i}]`, tensor);
  const classes = reference.shape[1];
  const centerOk =
    center !== null &&
    typeof center === 'object' &&
    Array.isArray(center.shape) &&
    ((center.rank === 1 && center.shape[0] === classes) || (center.rank === 2 && center.shape[0] === 1 && center.shape[1] === classes));
  if (!centerOk) {
    const got = Array.isArray(center?.shape) ? formatShape(center.shape) : String(center);
    throw new Error(`${LOSS}: center must be [K] or [1, K] with K = ${classes} as in the logits, got ${got}`);
  }
  assertFloatTensor(LOSS, 'center', center, center.rank, center.rank === 1 ? '[K]' : '[1, K]');
  const studentTemperature = options.studentTemperature ?? DINO_LOSS_DEFAULTS.studentTemperature;
  const teacherTemperature = options.teacherTemperature ?? DINO_LOSS_DEFAULTS.teacherTemperature;
  assertPositiveNumber(LOSS, 'studentTemperature', studentTemperature);
  assertPositiveNumber(LOSS, 'teacherTemperature', teacherTemperature);
  const pairs = teachers.length * students.length - Math.min(teachers.length, students.length);
  if (pairs === 0) {
    throw new Error(
      `${LOSS}: studentLogits and teacherLogits must give at least one pair of different views, got ${students.length} student and ${teachers.length} teacher view(s)`,
    );
  }

  return tf.tidy(() => {
    const teacherProbabilities = teachers.map((t) => tf.softmax(tf.div(tf.sub(t, center), teacherTemperature))); // [N, K] each
    const studentLogProbabilities = students.map((s) => tf.logSoftmax(tf.div(s, studentTemperature))); // [N, K] each
    const terms: tf.Tensor[] = [];
    teacherProbabilities.forEach((probabilities, i) => {
      studentLogProbabilities.forEach((logProbabilities, j) => {
        if (i === j) return; // same crop
        terms.push(tf.mean(tf.neg(tf.sum(tf.mul(probabilities, logProbabilities), -1))));
      });
    });
    return tf.div(tf.addN(terms), terms.length) as tf.Scalar;
  });
}
