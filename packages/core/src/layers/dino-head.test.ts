import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxRelativeError, useBackend } from '../testing/index.js';
import { DINO_HEAD_DEFAULTS, dinoHead } from './dino-head.js';

describe.each(TEST_BACKENDS)('dinoHead on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it("has DINO's structure: GELU MLP, normalised bottleneck, weight-normalised last layer", () => {
    expect(DINO_HEAD_DEFAULTS).toEqual({
      outputUnits: 65536,
      hiddenUnits: 2048,
      bottleneckUnits: 256,
      numLayers: 3,
      normLastLayer: true,
      batchNorm: false,
    });
    const head = dinoHead({ inputUnits: 6, hiddenUnits: 8, bottleneckUnits: 4, outputUnits: 10, name: 'dino' });
    expect(head.layers.map((l) => l.getClassName())).toEqual([
      'Dense',
      'SelfsupGelu',
      'Dense',
      'SelfsupGelu',
      'Dense',
      'SelfsupL2Normalization',
      'SelfsupWeightNormDense',
    ]);
    expect(head.layers.map((l) => l.name).slice(-2)).toEqual(['dino_l2_normalization', 'dino_last_layer']);
    const x = tf.randomNormal([3, 6]);
    const logits = head.predict(x) as tf.Tensor;
    expect(logits.shape).toEqual([3, 10]);
    // With the gain frozen at 1 each logit is a cosine similarity of bottleneck and prototype: |logit| <= 1.
    expect(Math.max(...Array.from(logits.dataSync(), Math.abs))).toBeLessThanOrEqual(1 + 1e-5);
    const bottleneck = tf.model({ inputs: head.inputs, outputs: head.layers[5].output as tf.SymbolicTensor });
    const norms = tf.norm(bottleneck.predict(x) as tf.Tensor, 'euclidean', 1);
    expect(maxRelativeError(norms.dataSync(), [1, 1, 1])).toBeLessThan(1e-5);
    const lastLayer = head.layers[6];
    expect(lastLayer.trainableWeights).toHaveLength(1);
    expect(leakedTensors(() => head.predict(x) as tf.Tensor)).toBe(0);
    tf.dispose([x, logits, norms]);
  });

  it('normLastLayer false trains the gain; numLayers and batchNorm shape the MLP', () => {
    const head = dinoHead({ inputUnits: 4, hiddenUnits: 6, bottleneckUnits: 3, outputUnits: 5, numLayers: 2, batchNorm: true, normLastLayer: false });
    expect(head.layers.map((l) => l.getClassName())).toEqual([
      'Dense',
      'SelfsupBatchNorm',
      'SelfsupGelu',
      'Dense',
      'SelfsupL2Normalization',
      'SelfsupWeightNormDense',
    ]);
    expect(head.layers[5].trainableWeights).toHaveLength(2);
    expect(dinoHead({ inputUnits: 4, bottleneckUnits: 3, outputUnits: 5, numLayers: 1 }).layers).toHaveLength(3);
  });

  it('rejects bad options, naming the function and the option', () => {
    expect(() => dinoHead({ inputUnits: 0 })).toThrow(/dinoHead: inputUnits must be a positive integer/);
    expect(() => dinoHead({ inputUnits: 4, numLayers: 0 })).toThrow(/dinoHead: numLayers must be a positive integer/);
    expect(() => dinoHead({ inputUnits: 4, outputUnits: 2.5 })).toThrow(/dinoHead: outputUnits must be a positive integer/);
  });
});
