import { assertFiniteNumber } from '../validation/index.js';

const SCHEDULE = 'warmupCosineSchedule';

export interface WarmupCosineScheduleOptions {
  /** The value reached at the end of the warm-up (the peak learning rate). */
  baseValue: number;
  /** The step at which the cosine decay reaches `finalValue`, >= 1; the value stays there after. */
  totalSteps: number;
  /** Length of the linear warm-up, in [0, totalSteps]. Default 0 (no warm-up). */
  warmupSteps?: number;
  /** The value at step 0 when there is a warm-up. Default 0. */
  warmupStartValue?: number;
  /** The value at `totalSteps` and after. Default 0. */
  finalValue?: number;
}

/**
 * A linear warm-up followed by a half-cosine decay, as a pure function of the step
 * (0-based, the number of optimizer steps already taken):
 *
 *   step < W:        start + (base − start) · step / W
 *   W <= step < T:   final + (base − final) · (1 + cos(π · (step − W) / (T − W))) / 2
 *   step >= T:       final
 *
 * with W = warmupSteps and T = totalSteps; the value is `baseValue` at step W and
 * `finalValue` at step T. Fractional steps are allowed (e.g. epoch fractions).
 *
 * Reference: cosine annealing of Loshchilov & Hutter 2017, "SGDR: Stochastic Gradient
 * Descent with Warm Restarts" (without restarts); linear warm-up of Goyal et al. 2017,
 * "Accurate, Large Minibatch SGD". The schedule of SimCLR, BYOL, MoCo v3 and DINO
 * (DINO also schedules its weight decay and teacher temperature with it).
 *
 * @example
 * const schedule = warmupCosineSchedule({ baseValue: 0.3, totalSteps: 10_000, warmupSteps: 500 });
 * optimizer.learningRate = schedule(step); // before each step
 */
export function warmupCosineSchedule(options: WarmupCosineScheduleOptions): (step: number) => number {
  if (options === null || typeof options !== 'object') {
    throw new Error(`${SCHEDULE}: options must be an object with baseValue and totalSteps, got ${options}`);
  }
  const { baseValue, totalSteps, warmupSteps = 0, warmupStartValue = 0, finalValue = 0 } = options;
  assertFiniteNumber(SCHEDULE, 'baseValue', baseValue);
  assertFiniteNumber(SCHEDULE, 'totalSteps', totalSteps, { min: 1 });
  assertFiniteNumber(SCHEDULE, 'warmupSteps', warmupSteps, { min: 0 });
  if (warmupSteps > totalSteps) {
    throw new Error(`${SCHEDULE}: warmupSteps must be <= totalSteps (${totalSteps}), got ${warmupSteps}`);
  }
  assertFiniteNumber(SCHEDULE, 'warmupStartValue', warmupStartValue);
  assertFiniteNumber(SCHEDULE, 'finalValue', finalValue);
  const decaySteps = totalSteps - warmupSteps;
  return (step: number): number => {
    assertFiniteNumber(SCHEDULE, 'step', step, { min: 0 });
    if (step >= totalSteps) return finalValue;
    if (step < warmupSteps) return warmupStartValue + ((baseValue - warmupStartValue) * step) / warmupSteps;
    const progress = (step - warmupSteps) / decaySteps; // in [0, 1)
    return finalValue + ((baseValue - finalValue) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}
