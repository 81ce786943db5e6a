import { createRandom } from '@selfsup/core';
import { describe, expect, it } from 'vitest';
import { negativeSamplingStep } from './negative-sampling-step.js';

// A float64 reference of the objective of one (hidden vector, targets) for the gradient checks.
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, value, k) => sum + value * b[k], 0);

/** -log sigmoid(h . o_0) - sum_k log sigmoid(-h . o_k), targets distinct. */
function objective(h: number[], outputs: number[][]): number {
  return outputs.reduce((sum, o, d) => sum - Math.log(sigmoid(d === 0 ? dot(h, o) : -dot(h, o))), 0);
}

/** The analytic gradients: dL/dh = -sum_d (label_d - sigmoid(h . o_d)) o_d, dL/do_d = -(label_d - sigmoid(h . o_d)) h. */
function gradients(h: number[], outputs: number[][]): { hidden: number[]; outputs: number[][] } {
  const hidden = h.map(() => 0);
  const outputGradients = outputs.map((o, d) => {
    const error = (d === 0 ? 1 : 0) - sigmoid(dot(h, o));
    o.forEach((value, k) => {
      hidden[k] -= error * value;
    });
    return h.map((value) => -error * value);
  });
  return { hidden, outputs: outputGradients };
}

describe('negativeSamplingStep', () => {
  const dimension = 7; // not a multiple of 4: the unrolled loops' remainder is exercised
  const vocabulary = 6;
  const random = createRandom(11);
  const input = Float32Array.from({ length: vocabulary * dimension }, () => random.normal() * 0.4);
  const output = Float32Array.from({ length: vocabulary * dimension }, () => random.normal() * 0.4);
  const contextRow = 2 * dimension;
  const targets = Int32Array.of(4, 0, 5, 1); // the centre word 4, then three negatives
  const h = Array.from(input.subarray(contextRow, contextRow + dimension));
  const outputs = Array.from(targets, (t) => Array.from(output.subarray(t * dimension, (t + 1) * dimension)));

  it('the analytic gradient agrees with central finite differences of the float64 objective', () => {
    const analytic = gradients(h, outputs);
    const epsilon = 1e-6;
    for (let k = 0; k < dimension; k++) {
      const plus = h.map((value, j) => (j === k ? value + epsilon : value));
      const minus = h.map((value, j) => (j === k ? value - epsilon : value));
      expect(analytic.hidden[k]).toBeCloseTo((objective(plus, outputs) - objective(minus, outputs)) / (2 * epsilon), 7);
    }
    for (let d = 0; d < outputs.length; d++) {
      for (let k = 0; k < dimension; k++) {
        const shifted = (delta: number) => outputs.map((o, e) => (e === d ? o.map((value, j) => (j === k ? value + delta : value)) : o));
        const numeric = (objective(h, shifted(epsilon)) - objective(h, shifted(-epsilon))) / (2 * epsilon);
        expect(analytic.outputs[d][k]).toBeCloseTo(numeric, 7);
      }
    }
  });

  it('moves each output row by -alpha x its gradient, puts -alpha x dL/dh in work and returns the loss', () => {
    const alpha = 0.025;
    const updated = output.slice();
    const work = new Float32Array(dimension);
    const loss = negativeSamplingStep(input, contextRow, updated, targets, targets.length, dimension, alpha, work, true);
    expect(loss).toBeCloseTo(objective(h, outputs), 5);
    const analytic = gradients(h, outputs);
    for (let k = 0; k < dimension; k++) expect(work[k]).toBeCloseTo(-alpha * analytic.hidden[k], 6);
    targets.forEach((t, d) => {
      for (let k = 0; k < dimension; k++) expect(updated[t * dimension + k]).toBeCloseTo(outputs[d][k] - alpha * analytic.outputs[d][k], 6);
    });
    // Rows that are not targets are untouched, and the input is left to the caller.
    expect(Array.from(updated.subarray(2 * dimension, 4 * dimension))).toEqual(Array.from(output.subarray(2 * dimension, 4 * dimension)));
    expect(
      negativeSamplingStep(input, contextRow, output.slice(), targets, targets.length, dimension, alpha, new Float32Array(dimension), false),
    ).toBe(0);
  });

  it('uses only the first `count` targets and the hidden vector at its offset', () => {
    const hidden = new Float32Array(dimension + 3);
    hidden.set(h, 3);
    const a = output.slice();
    const b = output.slice();
    const workA = new Float32Array(dimension);
    const workB = new Float32Array(dimension);
    negativeSamplingStep(hidden, 3, a, targets, 2, dimension, 0.1, workA, false);
    negativeSamplingStep(input, contextRow, b, targets.subarray(0, 2), 2, dimension, 0.1, workB, false);
    expect(a).toEqual(b);
    expect(workA).toEqual(workB);
    expect(Array.from(a.subarray(5 * dimension))).toEqual(Array.from(output.subarray(5 * dimension)));
  });

  it('a negative drawn twice is updated twice in turn, the second time from its updated row', () => {
    const repeated = Int32Array.of(4, 1, 1, 0, 1);
    const plain = Array.from(output, Number);
    const plainWork = new Array(dimension).fill(0);
    repeated.forEach((target, d) => {
      const o = plain.slice(target * dimension, (target + 1) * dimension);
      const g = ((d === 0 ? 1 : 0) - sigmoid(dot(h, o))) * 0.3;
      for (let k = 0; k < dimension; k++) {
        plainWork[k] += g * o[k];
        plain[target * dimension + k] = o[k] + g * h[k];
      }
    });
    const updated = output.slice();
    const work = new Float32Array(dimension);
    negativeSamplingStep(input, contextRow, updated, repeated, repeated.length, dimension, 0.3, work, false);
    updated.forEach((value, i) => {
      expect(value).toBeCloseTo(plain[i], 6);
    });
    work.forEach((value, k) => {
      expect(value).toBeCloseTo(plainWork[k], 6);
    });
  });

  it('is the documented example', () => {
    const out = new Float32Array(4);
    const work = new Float32Array(2);
    expect(negativeSamplingStep(Float32Array.of(1, 0), 0, out, Int32Array.of(1, 0), 2, 2, 0.1, work, true)).toBeCloseTo(2 * Math.LN2, 6);
    expect(Array.from(out.subarray(2))).toEqual([Math.fround(0.05), 0]);
    expect(Array.from(out.subarray(0, 2))).toEqual([Math.fround(-0.05), 0]);
  });
});
