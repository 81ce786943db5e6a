import { describe, expect, it } from 'vitest';
import { warmupCosineSchedule } from './warmup-cosine-schedule.js';

describe('warmupCosineSchedule', () => {
  const schedule = warmupCosineSchedule({ baseValue: 1, totalSteps: 110, warmupSteps: 10, warmupStartValue: 0.1, finalValue: 0.01 });

  it('is exact at the endpoints and midpoints of both phases', () => {
    expect(schedule(0)).toBe(0.1);
    expect(schedule(5)).toBeCloseTo(0.55, 15); // halfway through the warm-up
    expect(schedule(10)).toBe(1); // the peak
    expect(schedule(60)).toBeCloseTo((1 + 0.01) / 2, 15); // halfway through the decay: cos(π/2) = 0
    expect(schedule(35)).toBeCloseTo(0.01 + (0.99 * (1 + Math.cos(Math.PI / 4))) / 2, 15);
    expect(schedule(110)).toBe(0.01);
    expect(schedule(1e6)).toBe(0.01); // constant after totalSteps
  });

  it('rises during the warm-up and falls during the decay', () => {
    const values = Array.from({ length: 121 }, (_, step) => schedule(step));
    for (let step = 1; step <= 10; step++) expect(values[step]).toBeGreaterThan(values[step - 1]);
    for (let step = 11; step <= 110; step++) expect(values[step]).toBeLessThan(values[step - 1]);
    for (let step = 111; step <= 120; step++) expect(values[step]).toBe(values[step - 1]);
  });

  it('starts at baseValue without a warm-up, decays to 0 by default, and accepts fractional steps', () => {
    const plain = warmupCosineSchedule({ baseValue: 0.3, totalSteps: 4 });
    expect(plain(0)).toBe(0.3);
    expect(plain(2)).toBeCloseTo(0.15, 15);
    expect(plain(4)).toBe(0);
    expect(plain(0.5)).toBeCloseTo((0.3 * (1 + Math.cos(Math.PI / 8))) / 2, 15);
  });

  it('is a pure linear warm-up when warmupSteps equals totalSteps', () => {
    const warmupOnly = warmupCosineSchedule({ baseValue: 2, totalSteps: 4, warmupSteps: 4, finalValue: 2 });
    expect([0, 1, 2, 3, 4, 5].map(warmupOnly)).toEqual([0, 0.5, 1, 1.5, 2, 2]);
  });

  it('rejects bad options and steps, naming the schedule and the option', () => {
    expect(() => warmupCosineSchedule({ baseValue: 1, totalSteps: -5 })).toThrow(
      'warmupCosineSchedule: totalSteps must be a finite number >= 1, got -5',
    );
    expect(() => warmupCosineSchedule({ baseValue: 1, totalSteps: 10, warmupSteps: 20 })).toThrow(
      'warmupCosineSchedule: warmupSteps must be <= totalSteps (10), got 20',
    );
    expect(() => warmupCosineSchedule({ baseValue: 1, totalSteps: 10, warmupSteps: -1 })).toThrow(
      /warmupCosineSchedule: warmupSteps must be a finite number >= 0, got -1/,
    );
    expect(() => warmupCosineSchedule({ baseValue: Number.NaN, totalSteps: 10 })).toThrow(/warmupCosineSchedule: baseValue/);
    expect(() => warmupCosineSchedule({ baseValue: 1, totalSteps: 10, finalValue: Number.POSITIVE_INFINITY })).toThrow(
      /warmupCosineSchedule: finalValue/,
    );
    expect(() => warmupCosineSchedule(undefined as never)).toThrow(/warmupCosineSchedule: options must be an object/);
    expect(() => schedule(-1)).toThrow('warmupCosineSchedule: step must be a finite number >= 0, got -1');
    expect(() => schedule(Number.NaN)).toThrow(/warmupCosineSchedule: step/);
  });
});
