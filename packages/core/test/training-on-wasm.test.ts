import * as tf from '../src/tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNorm } from '../src/layers/batch-norm.js';
import { LearnedPositionalEmbedding } from '../src/layers/learned-positional-embedding.js';
import { TransformerEncoderBlock } from '../src/layers/transformer-encoder-block.js';
import { maskedCrossEntropy } from '../src/losses/masked-cross-entropy.js';
import { ntXent } from '../src/losses/nt-xent.js';
import { leakedTensors, randomNormalArray, useBackend } from '../src/testing/index.js';
import { type ParityCase, initialWeights, lossAndGradients, trainCurve, worstGradientError } from './gradient-parity.js';

// The acceptance test of the core: each kind of model trains on wasm (the default backend
// where native TensorFlow cannot be installed), and its gradients equal the cpu backend's.

const images = randomNormalArray(12 * 10 * 10, { seed: 1 });
const noise1 = randomNormalArray(images.length, { seed: 2, scale: 0.3 });
const noise2 = randomNormalArray(images.length, { seed: 3, scale: 0.3 });

const convNet: ParityCase = {
  build: () =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [10, 10, 1], filters: 6, kernelSize: 3, padding: 'same', useBias: false }),
        batchNorm(),
        tf.layers.reLU(),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }),
        tf.layers.batchNormalization(),
        tf.layers.reLU(),
        tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 8 }),
      ],
    }),
  // Two noisy views of the same images: SimCLR's objective in miniature.
  loss: (model) =>
    tf.tidy(() => {
      const x = tf.tensor4d(images, [12, 10, 10, 1]);
      const view = (noise: Float32Array) => model.apply(tf.add(x, tf.tensor4d(noise, x.shape)), { training: true }) as tf.Tensor2D;
      return ntXent(view(noise1), view(noise2), { temperature: 0.5 });
    }),
};

// A fixed "sentence" of token ids; the model learns which token follows which.
const tokens = Array.from({ length: 4 * 9 }, (_, i) => [3, 1, 4, 1, 5, 9, 2, 6, 5][i % 9]);
const embeddingModel: ParityCase = {
  build: () =>
    tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 10, outputDim: 8, inputLength: 8 }),
        tf.layers.dense({ units: 10 }),
      ],
    }),
  loss: (model) =>
    tf.tidy(() => {
      const inputs = tf.tensor2d(tokens.filter((_, i) => i % 9 !== 8), [4, 8], 'int32');
      const targets = tf.tensor2d(tokens.filter((_, i) => i % 9 !== 0), [4, 8], 'int32');
      return maskedCrossEntropy(model.apply(inputs) as tf.Tensor3D, targets);
    }),
};

// A causal pre-LN Transformer block over token and learned position embeddings: next-token prediction.
const transformer: ParityCase = {
  build: () =>
    tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 10, outputDim: 16, inputLength: 8 }),
        new LearnedPositionalEmbedding({ maxLength: 8, units: 16 }),
        new TransformerEncoderBlock({ units: 16, numHeads: 2, causal: true }),
        tf.layers.dense({ units: 10 }),
      ],
    }),
  loss: embeddingModel.loss,
};

describe.each([
  ['a conv net with batch norm (selfsup and tf.layers) and a depthwise conv', convNet],
  ['an embedding layer', embeddingModel],
  ['a Transformer block', transformer],
] as const)('%s', (_, parity: ParityCase) => {
  it('has the same loss and gradients on wasm as on cpu (within 1e-4)', async () => {
    const weights = await initialWeights(parity);
    const cpu = await lossAndGradients('cpu', parity, weights);
    const wasm = await lossAndGradients('wasm', parity, weights);
    expect(Math.abs(wasm.loss - cpu.loss) / Math.abs(cpu.loss)).toBeLessThan(1e-4);
    expect(worstGradientError(wasm.gradients, cpu.gradients)).toBeLessThan(1e-4);
  });

  describe('on wasm', () => {
    beforeAll(() => useBackend('wasm'));

    it('trains: the loss falls', () => {
      const curve = trainCurve(parity, 25, 0.02);
      expect(curve.every(Number.isFinite)).toBe(true);
      expect(curve[curve.length - 1]).toBeLessThan(0.7 * curve[0]);
    });

    it('leaks no tensors while training', () => {
      expect(leakedTensors(() => void trainCurve(parity, 3, 0.02))).toBe(0);
    });
  });
});
