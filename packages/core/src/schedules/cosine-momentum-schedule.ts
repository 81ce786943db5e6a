import { assertFiniteNumber } from '../validation/index.js';

const SCHEDULE = 'cosineMomentumSchedule';

/** Defaults of `cosineMomentumSchedule`. */
export const COSINE_MOMENTUM_DEFAULTS = Object.freeze({
  /** BYOL's base target-network EMA rate τ_base (Grill et al. 2020); DINO's teacher starts there too. */
  baseMomentum: 0.996,
  /** BYOL's τ at the end of training: the target stops moving. */
  finalMomentum: 1,
});

export interface CosineMomentumScheduleOptions {
  /** τ at step 0, in [0, 1]. Default 0.996. */
  baseMomentum?: number;
  /** τ at `totalSteps` and after, in [0, 1]. Default 1. */
  finalMomentum?: number;
  /** K: the number of training steps, >= 1. */
  totalSteps: number;
}

/**
 * The EMA rate of a momentum (target / teacher) encoder, raised from `baseMomentum` to
 * `finalMomentum` along a half cosine, as a pure function of the step k (0-based):
 *
 *   τ(k) = final − (final − base) · (cos(π · k / K) + 1) / 2      (k < K)
 *   τ(k) = final                                                  (k >= K)
 *
 * With the defaults (final = 1) this is BYOL's τ = 1 − (1 − τ_base)(cos(πk/K) + 1)/2;
 * DINO's teacher uses the same curve from 0.996 to 1.
 *
 * Reference: Grill et al. 2020, "Bootstrap Your Own Latent" (section 3.2); Caron et al.
 * 2021, "Emerging Properties in Self-Supervised Vision Transformers" (DINO).
 *
 * @example
 * const momentumSchedule = cosineMomentumSchedule({ totalSteps: 10_000 });
 * teacher.update(momentumSchedule(step)); // after each optimizer step
 */
export function cosineMomentumSchedule(options: CosineMomentumScheduleOptions): (step: number) => number {
  if (options === null || typeof options !== 'object') {
    throw new Error(`${SCHEDULE}: options must be an object with totalSteps, got ${options}`);
  }
  const { baseMomentum = COSINE_MOMENTUM_DEFAULTS.baseMomentum, finalMomentum = COSINE_MOMENTUM_DEFAULTS.finalMomentum, totalSteps } = options;
  assertFiniteNumber(SCHEDULE, 'baseMomentum', baseMomentum, { min: 0, max: 1 });
  assertFiniteNumber(SCHEDULE, 'finalMomentum', finalMomentum, { min: 0, max: 1 });
  assertFiniteNumber(SCHEDULE, 'totalSteps', totalSteps, { min: 1 });
  return (step: number): number => {
    assertFiniteNumber(SCHEDULE, 'step', step, { min: 0 });
    if (step >= totalSteps) return finalMomentum;
    return finalMomentum - ((finalMomentum - baseMomentum) * (Math.cos((Math.PI * step) / totalSteps) + 1)) / 2;
  };
}
