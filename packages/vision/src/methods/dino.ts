import * as tf from '@selfsup/core/tf';
import {
  DINO_LOSS_DEFAULTS,
  type DinoHeadOptions,
  MomentumEncoder,
  MovingAverage,
  type SeededRandom,
  cosineMomentumSchedule,
  dinoHead,
  dinoLoss,
  stopGradient,
} from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';
import { type VisionMethod, definedOnly, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** DINO's defaults (Caron et al. 2021): centre EMA 0.9, teacher temperature 0.04 → 0.07, EMA 0.996 → 1, 2 global crops. */
export const DINO_DEFAULTS = Object.freeze({
  centerMomentum: 0.9,
  teacherTemperature: DINO_LOSS_DEFAULTS.teacherTemperature,
  finalTeacherTemperature: 0.07,
  studentTemperature: DINO_LOSS_DEFAULTS.studentTemperature,
  baseMomentum: 0.996,
  globalViews: 2,
  seed: 0,
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
  head?: Omit<DinoHeadOptions, 'inputUnits' | 'seed'>;
  /** Seed of the heads' initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * DINO (Caron et al. 2021, "Emerging Properties in Self-Supervised Vision Transformers"):
 * self-distillation with no labels. A student (encoder + DINO head) sees every crop; a
 * teacher, the EMA of the student, sees the global crops; the student's softmax matches
 * the teacher's centred, sharpened softmax on every pair of different crops. The loss
 * carries the teacher's mean output to `onStepEnd`, where the teacher moves (cosine
 * schedule 0.996 → 1) and the centre follows (EMA 0.9); the teacher temperature warms up
 * from 0.04 to 0.07. Teacher and centre are `state()`.
 *
 * @example
 * const augment = (images, random) => dinoViews(images, random, { globalSize: 28, localSize: 12 }); // MNIST sizes
 * const method = dino({ encoder: convNet({ inputShape: [null, null, 1] }), augment, totalSteps: 2000, head: { outputUnits: 1024 } });
 */
export function dino(options: DinoOptions): VisionMethod {
  const { encoder, augment } = options;
  const settings = { ...DINO_DEFAULTS, ...definedOnly(options) };
  const { globalViews } = settings;
  const head = dinoHead({ inputUnits: outputUnits(encoder), ...options.head, name: 'dino_head', seed: settings.seed });
  const student = tf.sequential({ name: 'dino_student', layers: [encoder, head] });
  const teacher = new MomentumEncoder(student);
  const center = new MovingAverage({ shape: [outputUnits(head)], momentum: settings.centerMomentum });
  const momentum = cosineMomentumSchedule({ baseMomentum: settings.baseMomentum, totalSteps: options.totalSteps });
  const warmupSteps = options.teacherTemperatureWarmupSteps ?? Math.ceil(options.totalSteps / 10);
  const { teacherTemperature: first, finalTeacherTemperature: last } = settings;
  const teacherTemperature = (step: number) => (step >= warmupSteps ? last : first + ((last - first) * step) / warmupSteps);
  return {
    name: 'dino',
    encoder,
    trainableVariables: () => trainableVariablesOf(student),
    prepare({ images }, { random }) {
      const views = augment(images, random);
      if (views.length <= globalViews) throw new Error(`dino: augment gave ${views.length} views, expected more than the ${globalViews} global ones`);
      return views.map(imagesToTensor); // global crops first, then local ones (smaller)
    },
    forward: (views, context) => [
      ...views.map((v) => student.apply(v, { training: true, context }) as tf.Tensor2D), // one [B, K] per crop
      ...views.slice(0, globalViews).map((v) => stopGradient(teacher.model.apply(v, { training: true, context }) as tf.Tensor2D)),
    ],
    loss(outputs, views, context) {
      const studentLogits = outputs.slice(0, views.length) as tf.Tensor2D[];
      const teacherLogits = outputs.slice(views.length) as tf.Tensor2D[];
      const temperature = teacherTemperature(context.step);
      const loss = dinoLoss(studentLogits, teacherLogits, center.value as tf.Tensor1D, {
        studentTemperature: settings.studentTemperature,
        teacherTemperature: temperature,
      });
      // The loss is H(teacher) + KL(teacher || student): DINO's paper watches both to tell
      // learning from collapse (uniform teacher: entropy log K; one-hot teacher: entropy 0).
      const teacherEntropy = tf.mean(
        tf.stack(
          teacherLogits.map((t) => {
            const logProbabilities = tf.logSoftmax(tf.div(tf.sub(t, center.value), temperature));
            return tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logProbabilities), logProbabilities), -1)));
          }),
        ),
      ) as tf.Scalar;
      const teacherMean = tf.mean(tf.concat(teacherLogits, 0), 0); // [K], for the centre
      return { loss, terms: { dino: loss }, metrics: { teacherTemperature: temperature, teacherEntropy }, carry: { teacherMean } };
    },
    onStepEnd({ step, carry }) {
      teacher.update(momentum(step));
      center.update(carry.teacherMean);
    },
    models: () => ({ encoder, head }),
    state: () => ({ teacher, center }),
    averagedVariables: () => teacher.averagedVariables(),
    dispose() {
      center.dispose();
      teacher.dispose();
      head.dispose();
    },
  };
}
