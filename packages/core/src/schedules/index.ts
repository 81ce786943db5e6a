// Schedules: pure functions of the optimizer step.
export { type WarmupCosineScheduleOptions, warmupCosineSchedule } from './warmup-cosine-schedule.js';
export {
  COSINE_MOMENTUM_DEFAULTS,
  type CosineMomentumScheduleOptions,
  cosineMomentumSchedule,
} from './cosine-momentum-schedule.js';
