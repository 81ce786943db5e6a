import * as tf from '@tensorflow/tfjs';
import {
  DINO_DEFAULT_STUDENT_TEMPERATURE,
  DINO_DEFAULT_TEACHER_TEMPERATURE,
  type DinoHeadOptions,
  MomentumEncoder,
  type SeededRandom,
  cosineMomentumSchedule,
  dinoHead,
  dinoLoss,
  stopGradient,
} from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';
import { type ImagesBatch, type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** DINO's defaults (Caron et al. 2021): centre EMA 0.9, teacher temperature 0.04 → 0.07, EMA 0.996 → 1. */
export const DINO_DEFAULTS = Object.freeze({
  centerMomentum: 0.9,
  teacherTemperature: DINO_DEFAULT_TEACHER_TEMPERATURE,
  finalTeacherTemperature: 0.07,
  studentTemperature: DINO_DEFAULT_STUDENT_TEMPERATURE,
  baseMomentum: 0.996,
});

export interface DinoOptions {
  /** A backbone that accepts every crop size used (global and local). */
  encoder: tf.LayersModel;
  /** Multi-crop views of a batch, the global ones first (e.g. `dinoViews`). */
  augment: (images: FloatImages, random: SeededRandom) => FloatImages[];
  /** How many of the views are global (seen by the teacher). Default 2. */
  globalViews?: number;
  /** Steps of the run (momentum schedule). */
  totalSteps: number;
  /** Steps of the teacher temperature's linear warm-up. Default: a tenth of the run. */
  teacherTemperatureWarmupSteps?: number;
  /** The teacher's base EMA rate, raised to 1 on a cosine schedule. Default 0.996. */
  baseMomentum?: number;
  /** The projection head; default `dinoHead` with `head` options on the encoder's output. */
  head?: Omit<DinoHeadOptions, 'inputUnits'>;
}

/**
 * DINO (Caron et al. 2021, "Emerging Properties in Self-Supervised Vision Transformers"):
 * self-distillation with no labels. A student (encoder + DINO head) sees every crop; a
 * teacher, the EMA of the student, sees the global crops; the student's softmax matches
 * the teacher's centred, sharpened softmax on every pair of different crops. State changes
 * in `onStepEnd`: the teacher's EMA (cosine schedule 0.996 → 1) and the centre (EMA 0.9 of
 * the teacher's outputs); the teacher temperature warms up from 0.04 to 0.07.
 *
 * @example
 * const augment = (images, random) => dinoViews(images, random, { globalSize: 28, localSize: 12 }); // MNIST sizes
 * const method = await dino({ encoder: convNet({ inputShape: [null, null, 1] }), augment, totalSteps: 2000, head: { outputUnits: 1024 } });
 */
export async function dino(options: DinoOptions): Promise<VisionMethod> {
  const { encoder, augment } = options;
  const globalViews = options.globalViews ?? 2;
  const head = dinoHead({ inputUnits: outputUnits(encoder), ...options.head, name: 'dino_head' });
  const student = tf.sequential({ name: 'dino_student', layers: [encoder, head] });
  const teacher = await MomentumEncoder.create(student);
  const prototypes = outputUnits(head);
  let center = tf.keep(tf.zeros([prototypes]) as tf.Tensor1D);
  let lastTeacherMean: tf.Tensor1D | undefined;
  const momentum = cosineMomentumSchedule({ baseMomentum: options.baseMomentum ?? DINO_DEFAULTS.baseMomentum, totalSteps: options.totalSteps });
  const warmupSteps = options.teacherTemperatureWarmupSteps ?? Math.ceil(options.totalSteps / 10);
  const teacherTemperature = (step: number) =>
    step >= warmupSteps
      ? DINO_DEFAULTS.finalTeacherTemperature
      : DINO_DEFAULTS.teacherTemperature + ((DINO_DEFAULTS.finalTeacherTemperature - DINO_DEFAULTS.teacherTemperature) * step) / warmupSteps;
  return {
    name: 'dino',
    encoder,
    trainableVariables: () => trainableVariablesOf(student),
    computeLoss(batch: ImagesBatch, context) {
      const views = augment(batch.images, context.random).map(imagesToTensor);
      if (views.length <= globalViews) throw new Error(`dino: augment gave ${views.length} views, expected more than the ${globalViews} global ones`);
      const studentLogits = views.map((v) => student.apply(v, { training: true }) as tf.Tensor2D);
      const teacherLogits = views.slice(0, globalViews).map((v) => stopGradient(teacher.model.apply(v, { training: true }) as tf.Tensor2D));
      lastTeacherMean?.dispose();
      lastTeacherMean = tf.keep(tf.mean(tf.concat(teacherLogits, 0), 0) as tf.Tensor1D); // [K], for the centre
      const temperature = teacherTemperature(context.step);
      const loss = dinoLoss(studentLogits, teacherLogits, center, { studentTemperature: DINO_DEFAULTS.studentTemperature, teacherTemperature: temperature });
      // The loss is H(teacher) + KL(teacher || student): DINO's paper watches both to tell
      // learning from collapse (uniform teacher: entropy log K; one-hot teacher: entropy 0).
      const teacherEntropy = tf.mean(
        tf.stack(teacherLogits.map((t) => {
          const logProbabilities = tf.logSoftmax(tf.div(tf.sub(t, center), temperature));
          return tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logProbabilities), logProbabilities), -1)));
        })),
      ) as tf.Scalar;
      return { loss, terms: { dino: loss }, metrics: { teacherTemperature: temperature, teacherEntropy } };
    },
    onStepEnd(context) {
      teacher.update(momentum(context.step));
      if (lastTeacherMean) {
        const next = tf.keep(tf.tidy(() => tf.add(tf.mul(center, DINO_DEFAULTS.centerMomentum), tf.mul(lastTeacherMean!, 1 - DINO_DEFAULTS.centerMomentum))) as tf.Tensor1D);
        center.dispose();
        center = next;
      }
    },
    models: () => ({ encoder, head }),
    getState: () => ({
      tensors: { center: tf.clone(center), ...teacher.getNamedWeights('teacher') },
    }),
    setState(state) {
      const tensors = state.tensors ?? {};
      center.dispose();
      center = tf.keep(tf.clone(tensors.center) as tf.Tensor1D);
      teacher.setNamedWeights(tensors, 'teacher');
    },
    dispose() {
      lastTeacherMean?.dispose();
      center.dispose();
      teacher.dispose();
      head.dispose();
    },
  };
}

/** The centre of a DINO method's state, for tests and monitoring. */
export function dinoCenter(method: VisionMethod): Float32Array {
  const state = method.getState!();
  const values = state.tensors!.center.dataSync().slice() as Float32Array;
  tf.dispose(Object.values(state.tensors!));
  return values;
}
