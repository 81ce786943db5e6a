import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, leakedTensors, maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { codebookDiversityLoss } from './codebook-diversity-loss.js';

/** Naive float64 diversity loss over flat [G, V] probabilities, with fairseq's 1e-7 inside the log. */
function naiveDiversity(probs: ArrayLike<number>, G: number, V: number): number {
  let perplexity = 0;
  for (let g = 0; g < G; g++) {
    let entropy = 0;
    for (let v = 0; v < V; v++) entropy -= probs[g * V + v] * Math.log(probs[g * V + v] + 1e-7);
    perplexity += Math.exp(entropy);
  }
  return (G * V - perplexity) / (G * V);
}

/** Rows of softmax(random) as a flat Float32Array [G, V]. */
function randomProbabilities(G: number, V: number, seed: number): Float32Array {
  const logits = randomNormalArray(G * V, { seed, scale: 1.5 });
  const out = new Float32Array(G * V);
  for (let g = 0; g < G; g++) {
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(logits[g * V + v]);
    for (let v = 0; v < V; v++) out[g * V + v] = Math.exp(logits[g * V + v]) / sum;
  }
  return out;
}

describe.each(TEST_BACKENDS)('codebookDiversityLoss on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const G = 2;
  const V = 6;

  it('matches a float64 loop', () => {
    const probs = randomProbabilities(G, 20, 1);
    const loss = codebookDiversityLoss(tf.tensor2d(probs, [G, 20])).dataSync()[0];
    expect(maxRelativeError([loss], [naiveDiversity(probs, G, 20)])).toBeLessThan(1e-4);
  });

  it('gives 0 for uniform usage and (V - 1) / V when each group uses one entry', () => {
    expect(codebookDiversityLoss(tf.fill([G, V], 1 / V) as tf.Tensor2D).dataSync()[0]).toBeCloseTo(0, 5);
    const single = tf.cast(tf.oneHot(tf.tensor1d([4, 0], 'int32'), V), 'float32') as tf.Tensor2D;
    expect(codebookDiversityLoss(single).dataSync()[0]).toBeCloseTo((V - 1) / V, 5);
  });

  it('has gradients matching finite differences', () => {
    const probs = randomProbabilities(G, V, 2);
    const grad = tf.grad((x: tf.Tensor) => codebookDiversityLoss(x as tf.Tensor2D))(tf.tensor2d(probs, [G, V]));
    const expected = finiteDifferenceGradient((x) => naiveDiversity(x, G, V), probs);
    expect(maxRelativeError(grad.dataSync(), expected)).toBeLessThan(1e-3);
  });

  it('propagates NaN', () => {
    const probs = randomProbabilities(G, V, 3);
    probs[7] = Number.NaN;
    expect(Number.isNaN(codebookDiversityLoss(tf.tensor2d(probs, [G, V])).dataSync()[0])).toBe(true);
  });

  it('rejects bad input, naming the argument', () => {
    expect(() => codebookDiversityLoss(tf.zeros([G * V]) as unknown as tf.Tensor2D)).toThrow(
      'codebookDiversityLoss: probs must be [G, V] (rank 2), got [12]',
    );
    expect(() => codebookDiversityLoss(tf.zeros([G, V], 'int32') as tf.Tensor2D)).toThrow(/^codebookDiversityLoss: probs must have dtype float32/);
    expect(() => codebookDiversityLoss(tf.zeros([G, 0]) as tf.Tensor2D)).toThrow(/^codebookDiversityLoss: probs .*no empty dimension/);
    expect(() => codebookDiversityLoss([[0.5, 0.5]] as unknown as tf.Tensor2D)).toThrow(/^codebookDiversityLoss: probs must be a tf.Tensor/);
  });

  it('leaks no tensors, forward or backward', () => {
    const probs = tf.tensor2d(randomProbabilities(G, V, 4), [G, V]);
    expect(leakedTensors(() => codebookDiversityLoss(probs))).toBe(0);
    const gradient = tf.grad((x: tf.Tensor) => codebookDiversityLoss(x as tf.Tensor2D));
    expect(leakedTensors(() => gradient(probs))).toBe(0);
    probs.dispose();
  });
});
