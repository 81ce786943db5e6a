import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxRelativeError, randomNormalArray, TEST_BACKENDS, useBackend } from '../testing/index.js';
import { extractEmbeddings } from './extract-embeddings.js';

function denseModel(): tf.LayersModel {
  const input = tf.input({ shape: [4, 3] });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const dropped = tf.layers.dropout({ rate: 0.5 }).apply(flat) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 5, kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }) }).apply(dropped);
  return tf.model({ inputs: input, outputs: output as tf.SymbolicTensor });
}

describe.each(TEST_BACKENDS)('extractEmbeddings on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('runs a LayersModel in inference mode, in batches, in input order', async () => {
    const model = denseModel();
    const inputs = tf.tensor3d(randomNormalArray(10 * 12, { seed: 1 }), [10, 4, 3]);
    const expected = (model.predict(inputs) as tf.Tensor).dataSync();
    const before = tf.memory().numTensors;
    const features = await extractEmbeddings(model, inputs, { batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect([features.count, features.dimension]).toEqual([10, 5]);
    // Dropout would change the outputs if it were active.
    expect(maxRelativeError(features.values, expected)).toBeLessThan(1e-5);
    inputs.dispose();
    model.dispose();
  });

  it('flattens function outputs and accepts sync and async iterables of batches', async () => {
    const encoder = (batch: tf.Tensor) => tf.mul(tf.reshape(batch, [batch.shape[0], 2, 2]), 2);
    const batches = [
      tf.tensor2d([[1, 2, 3, 4]]),
      tf.tensor2d([
        [5, 6, 7, 8],
        [9, 10, 11, 12],
      ]),
    ];
    const before = tf.memory().numTensors;
    const fromArray = await extractEmbeddings(encoder, batches);
    expect(Array.from(fromArray.values)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect([fromArray.count, fromArray.dimension]).toEqual([3, 4]);
    async function* generate() {
      for (let i = 0; i < 3; i++) yield tf.fill([2, 4], i);
    }
    const fromGenerator = await extractEmbeddings(encoder, generate(), { batchSize: 1, disposeInputs: true });
    expect(Array.from(fromGenerator.values)).toEqual([...new Array(8).fill(0), ...new Array(8).fill(2), ...new Array(8).fill(4)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(batches);
  });

  it('rejects bad encoders and inputs', async () => {
    const inputs = tf.zeros([4, 2]);
    await expect(extractEmbeddings((x) => tf.sum(x), inputs)).rejects.toThrow('extractEmbeddings: encoder must return one row per input row');
    await expect(extractEmbeddings(42 as unknown as tf.LayersModel, inputs)).rejects.toThrow('extractEmbeddings: encoder must be');
    await expect(extractEmbeddings((x) => x, inputs, { batchSize: 0 })).rejects.toThrow(
      'extractEmbeddings: options.batchSize must be an integer >= 1, got 0',
    );
    await expect(extractEmbeddings((x) => x, 'images' as unknown as tf.Tensor)).rejects.toThrow('extractEmbeddings: inputs must be');
    await expect(extractEmbeddings((x) => x, [])).rejects.toThrow('extractEmbeddings: inputs yielded no rows');
    inputs.dispose();
  });
});
