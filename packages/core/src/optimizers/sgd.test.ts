import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { SGD, type SgdOptions } from './sgd.js';

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
  const random = createRandom(100 + problemCount);
  const keys = Object.keys(SHAPES);
  const size = (key: string) => SHAPES[key].reduce((a, b) => a * b, 1);
  const initial = keys.map((key, j) =>
    key === 'zero' ? new Float32Array(size(key)) : randomNormalArray(size(key), { seed: 10 * problemCount + j }),
  );
  const curvature = keys.map((key) => Float32Array.from({ length: size(key) }, () => (key === 'still' ? 0 : 0.5 + random.next())));
  const offset = keys.map((key) => Float32Array.from({ length: size(key) }, () => (key === 'still' ? 0 : random.normal())));
  const names = keys.map((key) => `sgd${problemCount}/${key}`);
  const variables = keys.map((key, j) => tf.variable(tf.tensor(initial[j], SHAPES[key]), true, names[j]));
  const k = keys.map((key, j) => tf.tensor(curvature[j], SHAPES[key]));
  const c = keys.map((key, j) => tf.tensor(offset[j], SHAPES[key]));
  const loss = () => tf.addN(variables.map((v, j) => tf.sum(tf.add(tf.mul(0.5, tf.mul(k[j], tf.square(v))), tf.mul(c[j], v))))) as tf.Scalar;
  const gradient = (j: number, theta: Float64Array) => theta.map((t, i) => curvature[j][i] * t + offset[j][i]);
  const dispose = () => tf.dispose([...variables, ...k, ...c]);
  return { keys, names, variables, initial, loss, gradient, dispose };
}

/** PyTorch's torch.optim.SGD update (dampening 0), in float64. */
function referenceSgd(options: Omit<SgdOptions, 'learningRate'>) {
  const buffers = new Map<string, Float64Array>();
  const momentum = options.momentum ?? 0.9;
  const exclude = options.excludeFromWeightDecay ?? (() => false);
  return (name: string, theta: Float64Array, gradient: Float64Array, learningRate: number): Float64Array => {
    const decay = exclude(name) ? 0 : (options.weightDecay ?? 0);
    const g = gradient.map((value, i) => value + decay * theta[i]);
    // PyTorch: the first step clones g into the buffer; later steps use μ·buf + g.
    const previous = buffers.get(name);
    const buffer = previous === undefined ? Float64Array.from(g) : previous.map((b, i) => momentum * b + g[i]);
    buffers.set(name, buffer);
    const direction = options.nesterov ? g.map((value, i) => value + momentum * buffer[i]) : buffer;
    return theta.map((value, i) => value - learningRate * direction[i]);
  };
}

const CASES: { label: string; options: Omit<SgdOptions, 'learningRate'> }[] = [
  { label: 'defaults (momentum 0.9)', options: {} },
  {
    label: 'Nesterov, weight decay 0.1, bias excluded',
    options: { nesterov: true, weightDecay: 0.1, excludeFromWeightDecay: (name) => name.endsWith('/bias') },
  },
  { label: 'no momentum, weight decay 0.01', options: { momentum: 0, weightDecay: 0.01 } },
];

describe.each(TEST_BACKENDS)('SGD on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('matches PyTorch step by step: $label', ({ options }) => {
    const problem = makeProblem();
    const optimizer = new SGD({ learningRate: 1, ...options });
    const step = referenceSgd(options);
    const theta: Float64Array[] = problem.initial.map((values) => Float64Array.from(values));
    for (const learningRate of LEARNING_RATES) {
      optimizer.learningRate = learningRate;
      optimizer.minimize(problem.loss);
      problem.variables.forEach((variable, j) => {
        theta[j] = step(problem.names[j], theta[j], problem.gradient(j, theta[j]), learningRate);
        expect(maxRelativeError(variable.dataSync(), theta[j]), problem.names[j]).toBeLessThan(1e-5);
      });
    }
    optimizer.dispose();
    problem.dispose();
  });

  it('round-trips its state through getWeights/setWeights: a fresh optimizer continues identically', async () => {
    const problem = makeProblem();
    const options = { learningRate: 0.1, nesterov: true, weightDecay: 0.05 };
    const optimizer = new SGD(options);
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
    const resumed = new SGD(options);
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
    const optimizer = new SGD({ learningRate: 0.1, nesterov: true, weightDecay: 0.01 });
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

  it('has documented defaults, a serialisable config and a class name distinct from tfjs', () => {
    const optimizer = new SGD({ learningRate: 0.03 });
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.03, momentum: 0.9, nesterov: false, weightDecay: 0 });
    expect(SGD.className).toBe('selfsup.SGD');
    expect(SGD.className).not.toBe(tf.SGDOptimizer.className);
  });

  it('rejects bad options, naming the option', () => {
    expect(() => new SGD({} as SgdOptions)).toThrow(/SGD: learningRate must be a finite number >= 0, got undefined/);
    expect(() => new SGD({ learningRate: 0.1, momentum: -0.5 })).toThrow(/SGD: momentum/);
    expect(() => new SGD({ learningRate: 0.1, weightDecay: Number.NaN })).toThrow(/SGD: weightDecay/);
    expect(() => new SGD({ learningRate: 0.1, momentum: 0, nesterov: true })).toThrow(/SGD: nesterov needs momentum > 0/);
  });
});
