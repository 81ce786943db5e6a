import { describe, expect, it } from 'vitest';
import { gloveAdagradStep } from './glove-adagrad-step.js';
import { GloveParameters } from './glove-parameters.js';

const options = { vectorSize: 2, xMax: 100, alpha: 0.75, learningRate: 0.05, gradientClip: 100 };

/** Two words, 2 dimensions: word 0 = [0.1, 0.2] with bias 0.05, context 1 = [0.3, -0.1] with bias -0.02. */
function twoWords(): GloveParameters {
  const parameters = new GloveParameters(2, 2, new Float64Array(12), new Float64Array(12).fill(1));
  parameters.weights.set([0.1, 0.2, 0.05], parameters.wordOffset(0));
  parameters.weights.set([0.3, -0.1, -0.02], parameters.contextOffset(1));
  return parameters;
}

describe('gloveAdagradStep (glove.c update, checked by hand)', () => {
  it('takes the first step with gradsq 1: learning rate x gradient for vectors, the bare gradient for biases', () => {
    const parameters = twoWords();
    const { weights, gradsq } = parameters;
    const word = parameters.wordOffset(0);
    const context = parameters.contextOffset(1);
    const diff = 0.1 * 0.3 + 0.2 * -0.1 + 0.05 - 0.02 - Math.log(3);
    const fdiff = 0.03 ** 0.75 * diff; // f(3) = (3 / 100)^0.75
    const cost = gloveAdagradStep(weights, gradsq, word, context, 3, options);
    expect(cost).toBeCloseTo(0.5 * fdiff * diff, 15);
    // Vectors: each uses the other's value from before the step; sqrt(gradsq) = 1.
    expect(weights[word]).toBeCloseTo(0.1 - 0.05 * fdiff * 0.3, 15);
    expect(weights[word + 1]).toBeCloseTo(0.2 - 0.05 * fdiff * -0.1, 15);
    expect(weights[context]).toBeCloseTo(0.3 - 0.05 * fdiff * 0.1, 15);
    expect(weights[context + 1]).toBeCloseTo(-0.1 - 0.05 * fdiff * 0.2, 15);
    // gradsq accumulates the squared scaled steps.
    expect(gradsq[word]).toBeCloseTo(1 + (0.05 * fdiff * 0.3) ** 2, 15);
    expect(gradsq[context + 1]).toBeCloseTo(1 + (0.05 * fdiff * 0.2) ** 2, 15);
    // Biases: no learning rate.
    expect(weights[word + 2]).toBeCloseTo(0.05 - fdiff, 15);
    expect(weights[context + 2]).toBeCloseTo(-0.02 - fdiff, 15);
    expect(gradsq[word + 2]).toBeCloseTo(1 + fdiff ** 2, 15);
    // The other rows are untouched.
    expect(Array.from(weights.subarray(parameters.wordOffset(1), parameters.wordOffset(1) + 3))).toEqual([0, 0, 0]);
    expect(Array.from(weights.subarray(parameters.contextOffset(0), parameters.contextOffset(0) + 3))).toEqual([0, 0, 0]);
  });

  it('divides the second step by the root of the sum before adding its own square', () => {
    const parameters = twoWords();
    const { weights, gradsq } = parameters;
    const [word, context] = [parameters.wordOffset(0), parameters.contextOffset(1)];
    gloveAdagradStep(weights, gradsq, word, context, 3, options);
    const before = { w0: weights[word], sum: gradsq[word], bias: weights[word + 2], biasSum: gradsq[word + 2] };
    let diff = weights[word + 2] + weights[context + 2] - Math.log(3);
    for (let b = 0; b < 2; b++) diff += weights[word + b] * weights[context + b];
    const fdiff = 0.03 ** 0.75 * diff;
    const step = 0.05 * fdiff * weights[context];
    gloveAdagradStep(weights, gradsq, word, context, 3, options);
    expect(weights[word]).toBeCloseTo(before.w0 - step / Math.sqrt(before.sum), 15);
    expect(gradsq[word]).toBeCloseTo(before.sum + step * step, 15);
    expect(weights[word + 2]).toBeCloseTo(before.bias - fdiff / Math.sqrt(before.biasSum), 15);
  });

  it('clips each gradient component to +-gradientClip before the learning rate; f = 1 above xMax', () => {
    const parameters = new GloveParameters(1, 2, new Float64Array(6), new Float64Array(6).fill(1));
    const { weights, gradsq } = parameters;
    weights.set([1, 0, 0], 0);
    weights.set([1000, 0, 0], 3);
    const diff = 1000 - Math.log(1e6);
    expect(gloveAdagradStep(weights, gradsq, 0, 3, 1e6, options)).toBeCloseTo(0.5 * diff * diff, 9);
    expect(weights[0]).toBeCloseTo(1 - 100 * 0.05, 12); // fdiff x 1000 clipped to 100
    expect(weights[3]).toBeCloseTo(1000 - 100 * 0.05, 12); // fdiff x 1 = 986 clipped to 100
    expect(gradsq[0]).toBeCloseTo(1 + 25, 12);
    expect(weights[2]).toBeCloseTo(-diff, 9); // biases are not clipped
  });

  it('skips an entry whose residual is not finite, as glove.c', () => {
    const parameters = twoWords();
    const before = parameters.weights.slice();
    expect(gloveAdagradStep(parameters.weights, parameters.gradsq, 0, parameters.contextOffset(1), 0, options)).toBe(0);
    expect(parameters.weights).toEqual(before);
    expect(Array.from(parameters.gradsq).every((v) => v === 1)).toBe(true);
  });
});
