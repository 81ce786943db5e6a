import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { ADAMW_DEFAULTS, AdamW, type AdamWOptions } from './adamw.js';

/** Variables of several ranks; `zero` starts at 0 and `still` has a zero gradient. */
const SHAPES: Record<string, number[]> = { kernel: [3, 4], bias: [4], second: [2, 3], zero: [2, 2], still: [2, 2] };
/** A schedule-like learning rate that changes at every step. */
const LEARNING_RATES = [0.1, 0.05, 0.08, 0.02, 0.04];
let problemCount = 0;

/**
 * loss = Σ_variables Σ_i (k_i θ_i² / 2 + c_i θ_i), so the gradient is k ⊙ θ + c: simple
 * to recompute in float64 from the reference parameters at every step.
 */
function makeProblem() {
  problemCount++;
  const random = createRandom(problemCount);
  const keys = Object.keys(SHAPES);
  const size = (key: string) => SHAPES[key].reduce((a, b) => a * b, 1);
  const initial = keys.map((key, j) =>
    key === 'zero' ? new Float32Array(size(key)) : randomNormalArray(size(key), { seed: 10 * problemCount + j }),
  );
  const curvature = keys.map((key) => Float32Array.from({ length: size(key) }, () => (key === 'still' ? 0 : 0.5 + random.next())));
  const offset = keys.map((key) => Float32Array.from({ length: size(key) }, () => (key === 'still' ? 0 : random.normal())));
  const names = keys.map((key) => `adamw${problemCount}/${key}`);
  const variables = keys.map((key, j) => tf.variable(tf.tensor(initial[j], SHAPES[key]), true, names[j]));
  const k = keys.map((key, j) => tf.tensor(curvature[j], SHAPES[key]));
  const c = keys.map((key, j) => tf.tensor(offset[j], SHAPES[key]));
  const loss = () => tf.addN(variables.map((v, j) => tf.sum(tf.add(tf.mul(0.5, tf.mul(k[j], tf.square(v))), tf.mul(c[j], v))))) as tf.Scalar;
  const gradient = (j: number, theta: Float64Array) => theta.map((t, i) => curvature[j][i] * t + offset[j][i]);
  const dispose = () => tf.dispose([...variables, ...k, ...c]);
  return { keys, names, variables, initial, loss, gradient, dispose };
}

/** The published update (Loshchilov & Hutter 2019, Algorithm 2, with PyTorch's constants) in float64. */
function referenceAdamW(options: Required<Omit<AdamWOptions, 'excludeFromWeightDecay' | 'learningRate'>> & { exclude: (name: string) => boolean }) {
  const state = new Map<string, { m: Float64Array; v: Float64Array; t: number }>();
  return (name: string, theta: Float64Array, g: Float64Array, learningRate: number): Float64Array => {
    const s = state.get(name) ?? { m: new Float64Array(theta.length), v: new Float64Array(theta.length), t: 0 };
    state.set(name, s);
    s.t++;
    const decay = options.exclude(name) ? 0 : options.weightDecay;
    return theta.map((value, i) => {
      s.m[i] = options.beta1 * s.m[i] + (1 - options.beta1) * g[i];
      s.v[i] = options.beta2 * s.v[i] + (1 - options.beta2) * g[i] * g[i];
      const mHat = s.m[i] / (1 - options.beta1 ** s.t);
      const vHat = s.v[i] / (1 - options.beta2 ** s.t);
      return value - learningRate * (mHat / (Math.sqrt(vHat) + options.epsilon) + decay * value);
    });
  };
}

const CASES = [
  { label: 'defaults', options: {} },
  {
    label: 'weight decay 0.1, bias excluded, other betas',
    options: { weightDecay: 0.1, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, excludeFromWeightDecay: (name: string) => name.endsWith('/bias') },
  },
];

describe.each(TEST_BACKENDS)('AdamW on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('matches the published update step by step: $label', ({ options }) => {
    const problem = makeProblem();
    const optimizer = new AdamW(options);
    const step = referenceAdamW({
      beta1: options.beta1 ?? ADAMW_DEFAULTS.beta1,
      beta2: options.beta2 ?? ADAMW_DEFAULTS.beta2,
      epsilon: options.epsilon ?? ADAMW_DEFAULTS.epsilon,
      weightDecay: options.weightDecay ?? ADAMW_DEFAULTS.weightDecay,
      exclude: options.excludeFromWeightDecay ?? (() => false),
    });
    const theta: Float64Array[] = problem.initial.map((values) => Float64Array.from(values));
    for (const learningRate of LEARNING_RATES) {
      optimizer.learningRate = learningRate;
      optimizer.minimize(problem.loss);
      problem.variables.forEach((variable, j) => {
        theta[j] = step(problem.names[j], theta[j], problem.gradient(j, theta[j]), learningRate);
        expect(maxRelativeError(variable.dataSync(), theta[j]), problem.names[j]).toBeLessThan(1e-5);
      });
    }
    expect(optimizer.iterations).toBe(LEARNING_RATES.length);
    optimizer.dispose();
    problem.dispose();
  });

  it('counts steps per variable: a variable first updated late starts its bias correction at t = 1', () => {
    const problem = makeProblem();
    const optimizer = new AdamW({ learningRate: 0.1, weightDecay: 0.05 });
    const step = referenceAdamW({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.05, exclude: () => false });
    const theta: Float64Array[] = problem.initial.map((values) => Float64Array.from(values));
    for (let s = 0; s < 4; s++) {
      // Only the kernel trains for two steps (as a frozen layer would), then everything.
      const trained = s < 2 ? [0] : problem.variables.map((_, j) => j);
      optimizer.minimize(
        problem.loss,
        false,
        trained.map((j) => problem.variables[j]),
      );
      for (const j of trained) theta[j] = step(problem.names[j], theta[j], problem.gradient(j, theta[j]), 0.1);
      problem.variables.forEach((variable, j) => {
        expect(maxRelativeError(variable.dataSync(), theta[j]), `${problem.names[j]} after step ${s}`).toBeLessThan(1e-5);
      });
    }
    optimizer.dispose();
    problem.dispose();
  });

  it('round-trips its state through getWeights/setWeights: a fresh optimizer continues identically', async () => {
    const problem = makeProblem();
    const options = { weightDecay: 0.1, excludeFromWeightDecay: (name: string) => name.endsWith('/bias') };
    const optimizer = new AdamW(options);
    for (const learningRate of LEARNING_RATES.slice(0, 2)) {
      optimizer.learningRate = learningRate;
      optimizer.minimize(problem.loss);
    }
    const saved = await optimizer.getWeights();
    expect(saved.map((w) => w.name)).toEqual(['iter', ...problem.names.flatMap((name) => [`${name}/m`, `${name}/v`, `${name}/step`])]);
    const checkpoint = await tf.io.encodeWeights(saved); // what a checkpoint writes to disk
    saved[0].tensor.dispose(); // `iter` is a new scalar; the other entries are the optimizer's own variables
    const parameters = problem.variables.map((v) => v.dataSync().slice());
    const continued: Float32Array[][] = [];
    for (const learningRate of LEARNING_RATES.slice(2)) {
      optimizer.learningRate = learningRate;
      optimizer.minimize(problem.loss);
      continued.push(problem.variables.map((v) => v.dataSync().slice() as Float32Array));
    }

    problem.variables.forEach((v, j) => {
      tf.tidy(() => v.assign(tf.tensor(parameters[j], v.shape)));
    });
    const resumed = new AdamW(options);
    const decoded = tf.io.decodeWeights(checkpoint.data, checkpoint.specs);
    await resumed.setWeights(checkpoint.specs.map((spec) => ({ name: spec.name, tensor: decoded[spec.name] })));
    tf.dispose(decoded);
    expect(resumed.iterations).toBe(2);
    LEARNING_RATES.slice(2).forEach((learningRate, s) => {
      resumed.learningRate = learningRate;
      resumed.minimize(problem.loss);
      problem.variables.forEach((v, j) => {
        expect(v.dataSync()).toEqual(continued[s][j]);
      });
    });
    optimizer.dispose();
    resumed.dispose();
    problem.dispose();
  });

  it('leaks no tensors across steps, checkpoints or dispose', async () => {
    const problem = makeProblem();
    const before = tf.memory().numTensors;
    const optimizer = new AdamW({ weightDecay: 0.1 });
    optimizer.minimize(problem.loss);
    const afterFirstStep = tf.memory().numTensors;
    expect(afterFirstStep - before).toBe(3 * problem.variables.length); // m, v and the step count
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

  it('has PyTorch defaults, a serialisable config and a class name', () => {
    const optimizer = new AdamW();
    expect(optimizer.getConfig()).toEqual({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 });
    expect(optimizer.getClassName()).toBe('selfsup.AdamW');
    const copy = AdamW.fromConfig(AdamW, { ...optimizer.getConfig(), learningRate: 0.5 });
    expect(copy).toBeInstanceOf(AdamW);
    expect((copy as AdamW).learningRate).toBe(0.5);
    expect(optimizer).toBeInstanceOf(tf.Optimizer);
    tf.serialization.registerClass(AdamW);
    expect(tf.serialization.SerializationMap.getMap().classNameMap['selfsup.AdamW'][0]).toBe(AdamW);
    expect(tf.serialization.SerializationMap.getMap().classNameMap.Adam[0]).toBe(tf.AdamOptimizer);
  });

  it('rejects bad options and bad per-step values, naming the option', () => {
    expect(() => new AdamW({ beta1: 1 })).toThrow(/AdamW: beta1 must be a number in \[0, 1\), got 1/);
    expect(() => new AdamW({ beta2: -0.1 })).toThrow(/AdamW: beta2/);
    expect(() => new AdamW({ epsilon: Number.NaN })).toThrow(/AdamW: epsilon/);
    expect(() => new AdamW({ learningRate: -1 })).toThrow(/AdamW: learningRate must be a finite number >= 0, got -1/);
    expect(() => new AdamW({ weightDecay: -0.01 })).toThrow(/AdamW: weightDecay/);
    const problem = makeProblem();
    const optimizer = new AdamW();
    optimizer.learningRate = Number.POSITIVE_INFINITY;
    expect(() => optimizer.minimize(problem.loss)).toThrow(/AdamW: learningRate must be a finite number >= 0, got Infinity/);
    optimizer.dispose();
    problem.dispose();
  });
});
