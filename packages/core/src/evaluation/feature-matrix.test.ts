import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/index.js';
import { featuresToTensor, readFeatures, readLabels, readShape } from './feature-matrix.js';

describe('feature matrices and labels', () => {
  beforeAll(() => useBackend('cpu'));

  it('reads a FeatureMatrix as is and a tensor through its values', () => {
    const matrix = { values: Float32Array.from([1, 2, 3, 4, 5, 6]), count: 3, dimension: 2 };
    expect(readFeatures('f', 'x', matrix)).toEqual(matrix);
    const tensor = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const read = readFeatures('f', 'x', tensor);
    expect(Array.from(read.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([read.count, read.dimension]).toEqual([3, 2]);
    expect(readShape('f', 'x', tensor)).toEqual([3, 2]);
    const { tensor: same, owned } = featuresToTensor('f', 'x', tensor);
    expect(same).toBe(tensor);
    expect(owned).toBe(false);
    const converted = featuresToTensor('f', 'x', matrix);
    expect(converted.owned).toBe(true);
    expect(converted.tensor.shape).toEqual([3, 2]);
    tf.dispose([tensor, converted.tensor]);
  });

  it('rejects malformed features with the function and argument named', () => {
    expect(() => readFeatures('knnClassify', 'trainFeatures', tf.zeros([2, 2, 2]) as unknown as tf.Tensor2D)).toThrow(
      'knnClassify: trainFeatures must be a tf.Tensor2D [N, D], got shape [2, 2, 2]',
    );
    expect(() => readFeatures('f', 'x', tf.zeros([2, 2], 'int32') as tf.Tensor2D)).toThrow('f: x must have dtype float32, got int32');
    expect(() => readFeatures('f', 'x', tf.zeros([0, 2]) as tf.Tensor2D)).toThrow('at least one row and one column');
    expect(() => readFeatures('f', 'x', { values: new Float32Array(5), count: 2, dimension: 3 })).toThrow(
      'f: x.values must hold count * dimension = 2 * 3 = 6 numbers, got 5',
    );
    expect(() => readFeatures('f', 'x', [[1, 2]] as unknown as tf.Tensor2D)).toThrow('f: x must be a FeatureMatrix');
  });

  it('reads labels and rejects bad ones', () => {
    expect(Array.from(readLabels('f', 'y', [0, 2, 1], 3, 3))).toEqual([0, 2, 1]);
    const tensor = tf.tensor1d([1, 0], 'int32');
    expect(Array.from(readLabels('f', 'y', tensor, 2))).toEqual([1, 0]);
    tensor.dispose();
    expect(() => readLabels('knnEvaluate', 'testLabels', [0, 1], 3)).toThrow(
      'knnEvaluate: testLabels must have one label per feature row (3), got 2',
    );
    expect(() => readLabels('f', 'y', [0, 3], 2, 3)).toThrow('f: y[1] must be an integer in [0, 3), got 3');
    expect(() => readLabels('f', 'y', [0, 1.5], 2)).toThrow('f: y[1] must be a non-negative integer, got 1.5');
    expect(() => readLabels('f', 'y', 7 as unknown as number[], 1)).toThrow('f: y must be an array of class indices');
  });
});
