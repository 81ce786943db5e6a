import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { BatchNorm } from './batch-norm.js';
import { Gelu } from './gelu.js';
import { mlpHead } from './mlp-head.js';

const layerKinds = (model: tf.Sequential) => model.layers.map((layer) => layer.getClassName());

describe.each(TEST_BACKENDS)('mlpHead on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('builds dense → [BatchNorm] → [activation] per block, bias off before batch norm', () => {
    const head = mlpHead({
      inputUnits: 6,
      name: 'projector',
      blocks: [{ units: 8, batchNorm: true, activation: 'relu' }, { units: 5, activation: 'gelu' }, { units: 3 }],
    });
    expect(layerKinds(head)).toEqual(['Dense', 'SelfsupBatchNorm', 'ReLU', 'Dense', 'SelfsupGelu', 'Dense']);
    expect(head.name).toBe('projector');
    expect(head.layers[0].name).toBe('projector_dense_1');
    expect(head.layers[0].getWeights()).toHaveLength(1);
    expect(head.layers[3].getWeights()).toHaveLength(2);
    expect(head.outputs[0].shape).toEqual([null, 3]);
    expect(head.layers[1]).toBeInstanceOf(BatchNorm);
    expect(head.layers[4]).toBeInstanceOf(Gelu);
  });

  it('computes relu(batchNorm(x·W1)) then ·W2 + b2, in training mode with batch statistics', () => {
    const head = mlpHead({ inputUnits: 3, blocks: [{ units: 4, batchNorm: true, activation: 'relu' }, { units: 2 }] });
    const xValues = randomNormalArray(5 * 3, { seed: 1 });
    const x = tf.tensor2d(xValues, [5, 3]);
    const values = (layer: number) => head.layers[layer].getWeights().map((w) => Array.from(w.dataSync()));
    const [[w1], [w2, b2]] = [values(0), values(3)];
    const hidden = Array.from({ length: 5 }, (_, r) =>
      Array.from({ length: 4 }, (_, o) => [0, 1, 2].reduce((s, i) => s + xValues[r * 3 + i] * w1[i * 4 + o], 0)),
    );
    const normalized = hidden.map((row) => row.slice());
    for (let o = 0; o < 4; o++) {
      const mean = hidden.reduce((s, row) => s + row[o], 0) / 5;
      const variance = hidden.reduce((s, row) => s + (row[o] - mean) ** 2, 0) / 5;
      for (let r = 0; r < 5; r++) normalized[r][o] = Math.max(0, (hidden[r][o] - mean) / Math.sqrt(variance + 1e-5));
    }
    const expected = normalized.flatMap((row) => [0, 1].map((o) => b2[o] + row.reduce((s, v, i) => s + v * w2[i * 2 + o], 0)));
    const y = head.apply(x, { training: true }) as tf.Tensor;
    expect(maxRelativeError(y.dataSync(), expected)).toBeLessThan(1e-5);
    expect(leakedTensors(() => head.apply(x, { training: true }) as tf.Tensor)).toBe(0);
    tf.dispose([x, y]);
  });

  it('rejects bad options, naming the function and the option', () => {
    expect(() => mlpHead({ inputUnits: 0, blocks: [{ units: 2 }] })).toThrow(/mlpHead: inputUnits must be a positive integer/);
    expect(() => mlpHead({ inputUnits: 4, blocks: [] })).toThrow(/mlpHead: blocks must be a non-empty array/);
    expect(() => mlpHead({ inputUnits: 4, blocks: [{ units: 2 }, { units: 1.5 }] })).toThrow(/mlpHead: blocks\[1\].units must be a positive integer/);
    expect(() => mlpHead({ inputUnits: 4, blocks: [{ units: 2, activation: 'tanh' as 'relu' }] })).toThrow(
      /mlpHead: blocks\[0\].activation must be one of/,
    );
  });
});
