// Schedules: pure functions of the optimizer step.
export { type WarmupCosineScheduleOptions, warmupCosineSchedule } from './warmup-cosine-schedule.js';
export {
  COSINE_MOMENTUM_DEFAULT_BASE_MOMENTUM,
  COSINE_MOMENTUM_DEFAULT_FINAL_MOMENTUM,
  type CosineMomentumScheduleOptions,
  cosineMomentumSchedule,
} from './cosine-momentum-schedule.js';
