import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, useBackend } from '../testing/index.js';
import {
  BYOL_PREDICTION_HEAD_DEFAULTS,
  byolPredictionHead,
  SIMCLR_PROJECTION_HEAD_DEFAULTS,
  SIMSIAM_PREDICTION_HEAD_DEFAULTS,
  simclrProjectionHead,
  simsiamPredictionHead,
} from './projection-heads.js';

/** [class name, units] of each layer, units only for dense layers. */
const summary = (model: tf.Sequential) =>
  model.layers.map((layer) => (layer.getClassName() === 'Dense' ? `Dense(${(layer.getConfig() as { units: number }).units})` : layer.getClassName()));

describe.each(TEST_BACKENDS)('projection heads on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it("have the papers' sizes by default", () => {
    expect(SIMCLR_PROJECTION_HEAD_DEFAULTS).toEqual({ hiddenUnits: 2048, outputUnits: 128, batchNorm: false });
    expect(BYOL_PREDICTION_HEAD_DEFAULTS).toEqual({ hiddenUnits: 4096, outputUnits: 256, batchNorm: true });
    expect(SIMSIAM_PREDICTION_HEAD_DEFAULTS).toEqual({ hiddenUnits: 512, outputUnits: 2048, batchNorm: true });
    expect(summary(simclrProjectionHead({ inputUnits: 8 }))).toEqual(['Dense(2048)', 'ReLU', 'Dense(128)']);
    expect(summary(byolPredictionHead({ inputUnits: 8 }))).toEqual(['Dense(4096)', 'SelfsupBatchNorm', 'ReLU', 'Dense(256)']);
    expect(summary(simsiamPredictionHead({ inputUnits: 8 }))).toEqual(['Dense(512)', 'SelfsupBatchNorm', 'ReLU', 'Dense(2048)']);
  });

  it('take overrides and give [B, outputUnits]', () => {
    const head = simclrProjectionHead({ inputUnits: 6, hiddenUnits: 5, outputUnits: 3, batchNorm: true, name: 'proj' });
    expect(summary(head)).toEqual(['Dense(5)', 'SelfsupBatchNorm', 'ReLU', 'Dense(3)']);
    const y = head.predict(tf.ones([2, 6])) as tf.Tensor;
    expect(y.shape).toEqual([2, 3]);
    expect((byolPredictionHead({ inputUnits: 4, hiddenUnits: 6, outputUnits: 4 }).predict(tf.ones([3, 4])) as tf.Tensor).shape).toEqual([3, 4]);
    expect((simsiamPredictionHead({ inputUnits: 8, hiddenUnits: 2, outputUnits: 8 }).predict(tf.ones([3, 8])) as tf.Tensor).shape).toEqual([3, 8]);
  });

  it('reject bad sizes, naming the preset and the option', () => {
    expect(() => simclrProjectionHead({ inputUnits: 8, hiddenUnits: 0 })).toThrow(
      /simclrProjectionHead: mlpHead: hiddenUnits must be a positive integer/,
    );
    expect(() => byolPredictionHead({ inputUnits: -1 })).toThrow(/byolPredictionHead: .*inputUnits/);
    expect(() => simsiamPredictionHead({ inputUnits: 8, outputUnits: 2.5 })).toThrow(/simsiamPredictionHead: .*outputUnits/);
  });
});
