import { describe, expect, it } from 'vitest';
import { cosineMomentumSchedule } from './cosine-momentum-schedule.js';

describe('cosineMomentumSchedule', () => {
  const schedule = cosineMomentumSchedule({ totalSteps: 1000 });

  it("follows BYOL's τ = 1 − (1 − τ_base)(cos(πk/K) + 1)/2, exact at the endpoints and the midpoint", () => {
    expect(schedule(0)).toBe(0.996);
    expect(schedule(500)).toBeCloseTo(0.998, 15);
    expect(schedule(250)).toBeCloseTo(1 - (0.004 * (Math.cos(Math.PI / 4) + 1)) / 2, 15);
    expect(schedule(1000)).toBe(1);
    expect(schedule(5000)).toBe(1);
  });

  it('rises monotonically to finalMomentum', () => {
    const values = Array.from({ length: 1001 }, (_, step) => schedule(step));
    for (let step = 1; step <= 1000; step++) expect(values[step]).toBeGreaterThan(values[step - 1]);
  });

  it('accepts other endpoints', () => {
    const custom = cosineMomentumSchedule({ baseMomentum: 0.99, finalMomentum: 0.999, totalSteps: 10 });
    expect(custom(0)).toBe(0.99);
    expect(custom(5)).toBeCloseTo(0.9945, 15);
    expect(custom(10)).toBe(0.999);
  });

  it('rejects bad options and steps, naming the schedule and the option', () => {
    expect(() => cosineMomentumSchedule({ totalSteps: 0 })).toThrow('cosineMomentumSchedule: totalSteps must be a finite number >= 1, got 0');
    expect(() => cosineMomentumSchedule({ totalSteps: -10 })).toThrow(/cosineMomentumSchedule: totalSteps/);
    expect(() => cosineMomentumSchedule({ totalSteps: 10, baseMomentum: 1.5 })).toThrow(
      'cosineMomentumSchedule: baseMomentum must be a number in [0, 1], got 1.5',
    );
    expect(() => cosineMomentumSchedule({ totalSteps: 10, finalMomentum: -0.1 })).toThrow(/cosineMomentumSchedule: finalMomentum/);
    expect(() => schedule(-3)).toThrow('cosineMomentumSchedule: step must be a finite number >= 0, got -3');
  });
});
