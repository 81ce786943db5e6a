import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { LARS, LARS_DEFAULTS, type LarsOptions } from './lars.js';

/** Variables of several ranks; `zero` starts at 0 and `still` has a zero gradient. */
const SHAPES: Record<string, number[]> = { kernel: [3, 4], bias: [4], second: [2, 3], zero: [2, 2], still: [2, 2] };
let problemCount = 0;

/**
 * loss = Σ_variables Σ_i (k_i θ_i² / 2 + c_i θ_i), so the gradient is k ⊙ θ + c: simple
 * to recompute in float64 from the reference parameters at every step.
 */
function makeProblem() {
  problemCount++;
  const random = createRandom(200 + problemCount);
  const keys = Object.keys(SHAPES);
  const size = (key: string) => SHAPES[key].reduce((a, b) => a * b, 1);
  const initial = keys.map((key, j) =>
    key === 'zero' ? new Float32Array(size(key)) : randomNormalArray(size(key), { seed: 10 * problemCount + j }),
  );
  const curvature = keys.map((key) => Float32Array.from({ length: size(key) }, () => (key === 'still' ? 0 : 0.5 + random.next())));
  const offset = keys.map((key) => Float32Array.from({ length: size(key) }, () => (key === 'still' ? 0 : random.normal())));
  const names = keys.map((key) => `lars${problemCount}/${key}`);
  const variables = keys.map((key, j) => tf.variable(tf.tensor(initial[j], SHAPES[key]), true, names[j]));
  const k = keys.map((key, j) => tf.tensor(curvature[j], SHAPES[key]));
  const c = keys.map((key, j) => tf.tensor(offset[j], SHAPES[key]));
  const loss = () => tf.addN(variables.map((v, j) => tf.sum(tf.add(tf.mul(0.5, tf.mul(k[j], tf.square(v))), tf.mul(c[j], v))))) as tf.Scalar;
  const gradient = (j: number, theta: Float64Array) => theta.map((t, i) => curvature[j][i] * t + offset[j][i]);
  const dispose = () => tf.dispose([...variables, ...k, ...c]);
  const ranks = keys.map((key) => SHAPES[key].length);
  return { keys, names, ranks, variables, initial, offset, loss, gradient, dispose };
}

const norm = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((sum, value) => sum + value * value, 0));

/** You et al. 2017, Algorithm 1, with lr applied outside the momentum buffer, in float64. */
function referenceLars(options: Omit<LarsOptions, 'learningRate'>) {
  const momentum = options.momentum ?? LARS_DEFAULTS.momentum;
  const weightDecay = options.weightDecay ?? LARS_DEFAULTS.weightDecay;
  const eta = options.trustCoefficient ?? LARS_DEFAULTS.trustCoefficient;
  const exclude = options.excludeFromAdaptation ?? (() => false);
  const buffers = new Map<string, Float64Array>();
  return (name: string, rank: number, theta: Float64Array, g: Float64Array, learningRate: number): Float64Array => {
    let direction = g;
    if (rank >= 2 && !exclude(name)) {
      const weightNorm = norm(theta);
      const gradientNorm = norm(g);
      const trustRatio = weightNorm > 0 && gradientNorm > 0 ? (eta * weightNorm) / (gradientNorm + weightDecay * weightNorm) : 1;
      direction = g.map((value, i) => trustRatio * (value + weightDecay * theta[i]));
    }
    const buffer = (buffers.get(name) ?? new Float64Array(theta.length)).map((b, i) => momentum * b + direction[i]);
    buffers.set(name, buffer);
    return theta.map((value, i) => value - learningRate * buffer[i]);
  };
}

const CASES: { label: string; options: Omit<LarsOptions, 'learningRate'>; learningRates: number[] }[] = [
  {
    label: 'trust coefficient 0.5, weight decay 0.05, one matrix excluded by name',
    options: { trustCoefficient: 0.5, weightDecay: 0.05, excludeFromAdaptation: (name) => name.endsWith('/second') },
    learningRates: [0.1, 0.05, 0.08, 0.02, 0.04],
  },
  { label: 'defaults (η 0.001, weight decay 1e-6, momentum 0.9)', options: {}, learningRates: [1, 0.5, 0.8, 0.2, 0.4] },
  { label: 'momentum 0.5, no weight decay', options: { momentum: 0.5, weightDecay: 0, trustCoefficient: 0.2 }, learningRates: [0.3, 0.3, 0.3] },
];

describe.each(TEST_BACKENDS)('LARS on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('matches the published update step by step: $label', ({ options, learningRates }) => {
    const problem = makeProblem();
    const optimizer = new LARS({ learningRate: 1, ...options });
    const step = referenceLars(options);
    const theta: Float64Array[] = problem.initial.map((values) => Float64Array.from(values));
    for (const learningRate of learningRates) {
      optimizer.learningRate = learningRate;
      optimizer.minimize(problem.loss);
      problem.variables.forEach((variable, j) => {
        theta[j] = step(problem.names[j], problem.ranks[j], theta[j], problem.gradient(j, theta[j]), learningRate);
        expect(maxRelativeError(variable.dataSync(), theta[j]), problem.names[j]).toBeLessThan(1e-5);
      });
    }
    optimizer.dispose();
    problem.dispose();
  });

  it('uses a trust ratio of 1 when the weights or the gradient are zero, and excludes vectors', () => {
    const problem = makeProblem();
    const optimizer = new LARS({ learningRate: 0.5, trustCoefficient: 0.01, weightDecay: 0.1 });
    const byKey = (key: string) => problem.keys.indexOf(key);
    const stillBefore = problem.variables[byKey('still')].dataSync().slice();
    optimizer.minimize(problem.loss);
    // `zero` has ||θ|| = 0: its first step is plain SGD on g (= c at θ = 0).
    const zero = byKey('zero');
    expect(
      maxRelativeError(
        problem.variables[zero].dataSync(),
        problem.offset[zero].map((c) => -0.5 * c),
      ),
    ).toBeLessThan(1e-6);
    // `still` has ||g|| = 0: the step is lr · wd · θ, not scaled by η.
    const still = byKey('still');
    expect(
      maxRelativeError(
        problem.variables[still].dataSync(),
        stillBefore.map((t) => t - 0.5 * 0.1 * t),
      ),
    ).toBeLessThan(1e-6);
    expect(optimizer.adapts(problem.names[byKey('kernel')], problem.variables[byKey('kernel')])).toBe(true);
    expect(optimizer.adapts(problem.names[byKey('bias')], problem.variables[byKey('bias')])).toBe(false);
    optimizer.dispose();
    problem.dispose();
  });

  it('round-trips its state through getWeights/setWeights: a fresh optimizer continues identically', async () => {
    const problem = makeProblem();
    const options = { learningRate: 0.2, trustCoefficient: 0.3, weightDecay: 0.01 };
    const optimizer = new LARS(options);
    for (let s = 0; s < 2; s++) optimizer.minimize(problem.loss);
    const saved = await optimizer.getWeights();
    expect(saved.map((w) => w.name)).toEqual(['iter', ...problem.names.flatMap((name) => [`${name}/momentum`, `${name}/step`])]);
    const checkpoint = await tf.io.encodeWeights(saved); // what a checkpoint writes to disk
    saved[0].tensor.dispose(); // `iter` is a new scalar; the other entries are the optimizer's own variables
    const parameters = problem.variables.map((v) => v.dataSync().slice());
    const continued: Float32Array[][] = [];
    for (let s = 0; s < 3; s++) {
      optimizer.minimize(problem.loss);
      continued.push(problem.variables.map((v) => v.dataSync().slice() as Float32Array));
    }

    problem.variables.forEach((v, j) => {
      tf.tidy(() => v.assign(tf.tensor(parameters[j], v.shape)));
    });
    const resumed = new LARS(options);
    const decoded = tf.io.decodeWeights(checkpoint.data, checkpoint.specs);
    await resumed.setWeights(checkpoint.specs.map((spec) => ({ name: spec.name, tensor: decoded[spec.name] })));
    tf.dispose(decoded);
    expect(resumed.iterations).toBe(2);
    for (let s = 0; s < 3; s++) {
      resumed.minimize(problem.loss);
      problem.variables.forEach((v, j) => {
        expect(v.dataSync()).toEqual(continued[s][j]);
      });
    }
    optimizer.dispose();
    resumed.dispose();
    problem.dispose();
  });

  it('leaks no tensors across steps, checkpoints or dispose', async () => {
    const problem = makeProblem();
    const before = tf.memory().numTensors;
    const optimizer = new LARS({ learningRate: 0.1, trustCoefficient: 0.1, weightDecay: 0.01 });
    optimizer.minimize(problem.loss);
    const afterFirstStep = tf.memory().numTensors;
    expect(afterFirstStep - before).toBe(2 * problem.variables.length); // the momentum buffer and the step count
    for (let s = 0; s < 3; s++) optimizer.minimize(problem.loss);
    expect(tf.memory().numTensors).toBe(afterFirstStep);
    const saved = await optimizer.getWeights();
    await optimizer.setWeights(saved); // its own live variables: safe, and the old slots are released
    saved[0].tensor.dispose();
    optimizer.minimize(problem.loss);
    expect(tf.memory().numTensors).toBe(afterFirstStep);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    problem.dispose();
  });

  it('has SimCLR defaults, a serialisable config and a class name', () => {
    const optimizer = new LARS({ learningRate: 0.3 });
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.3, momentum: 0.9, weightDecay: 1e-6, trustCoefficient: 0.001 });
    expect(optimizer.getClassName()).toBe('selfsup.LARS');
  });

  it('rejects bad options, naming the option', () => {
    expect(() => new LARS({} as LarsOptions)).toThrow(/LARS: learningRate must be a finite number >= 0, got undefined/);
    expect(() => new LARS({ learningRate: 0.1, trustCoefficient: 0 })).toThrow(/LARS: trustCoefficient must be a finite number > 0, got 0/);
    expect(() => new LARS({ learningRate: 0.1, momentum: Number.POSITIVE_INFINITY })).toThrow(/LARS: momentum/);
    expect(() => new LARS({ learningRate: 0.1, weightDecay: -1 })).toThrow(/LARS: weightDecay/);
  });
});
