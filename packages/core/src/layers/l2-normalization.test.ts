import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, leakedTensors, maxRelativeError, useBackend } from '../testing/index.js';
import { L2Normalization } from './l2-normalization.js';

describe.each(TEST_BACKENDS)('L2Normalization on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('gives unit rows over the last axis and keeps zero rows at zero', () => {
    const layer = new L2Normalization();
    const y = layer.apply(
      tf.tensor2d([
        [3, 4],
        [0, 0],
        [-1, 0],
      ]),
    ) as tf.Tensor;
    expect(maxRelativeError(y.dataSync(), [0.6, 0.8, 0, 0, -1, 0])).toBeLessThan(1e-6);
    expect(layer.computeOutputShape([null, 7])).toEqual([null, 7]);
    const x = tf.ones([2, 3]);
    expect(leakedTensors(() => layer.apply(x) as tf.Tensor)).toBe(0);
    expect(() => new L2Normalization({ epsilon: -1 })).toThrow(/SelfsupL2Normalization: epsilon must be positive/);
    tf.dispose([x, y]);
  });
});
