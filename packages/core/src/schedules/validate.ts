/**
 * Option checks shared by the schedules. Each throws an Error that starts with the
 * schedule's name, then names the option and says what was expected and what was given,
 * e.g. `warmupCosineSchedule: warmupSteps must be <= totalSteps (100), got 200`.
 */

/** Throws unless `value` is a finite number >= `min` (and <= `max` when given). */
export function assertFiniteNumber(schedule: string, option: string, value: unknown, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const bounds =
      min === Number.NEGATIVE_INFINITY && max === Number.POSITIVE_INFINITY
        ? ''
        : max === Number.POSITIVE_INFINITY
          ? ` >= ${min}`
          : ` in [${min}, ${max}]`;
    throw new Error(`${schedule}: ${option} must be a finite number${bounds}, got ${value}`);
  }
}

/** Throws unless `step` (the argument of a schedule function) is a finite number >= 0. */
export function assertStep(schedule: string, step: unknown): asserts step is number {
  if (typeof step !== 'number' || !Number.isFinite(step) || step < 0) {
    throw new Error(`${schedule}: step must be a finite number >= 0, got ${step}`);
  }
}
