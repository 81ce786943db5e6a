import * as tf from '@selfsup/core/tf';
import { saveAndLoad, useBackend } from '@selfsup/core/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { convNet } from './conv-net.js';
import { resnet } from './resnet.js';
import { visionTransformer } from './vision-transformer.js';

describe.each(['wasm', 'cpu'] as const)('backbones on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  const cases = [
    ['convNet', (seed = 1) => convNet({ inputShape: [28, 28, 1], filters: [8, 16], outputUnits: 24, seed }), [28, 28, 1], 24],
    ['resnet', (seed = 1) => resnet({ inputShape: [16, 16, 3], blocksPerStage: [1, 1], width: 8, seed }), [16, 16, 3], 16],
    [
      'visionTransformer',
      (seed = 1) => visionTransformer({ inputShape: [16, 16, 1], patchSize: 4, units: 16, depth: 2, numHeads: 2, seed }),
      [16, 16, 1],
      16,
    ],
  ] as const;

  it.each(cases)('%s: shapes, a training step, and a save/load round trip in the layers format', async (_, build, inputShape, units) => {
    const model = build();
    const x = tf.randomNormal([3, ...inputShape]);
    const y = model.apply(x, { training: true }) as tf.Tensor;
    expect(y.shape).toEqual([3, units]);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar, variables);
    expect(Object.keys(grads)).toHaveLength(variables.length);
    expect(Object.values(grads).every((g) => g.dataSync().every(Number.isFinite))).toBe(true);
    const loaded = await saveAndLoad(model);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, y, value, ...Object.values(grads), a, b]);
    model.dispose();
    loaded.dispose();
  });

  it.each(cases)('%s: the seed fixes every initial weight without reading Math.random', (_, build) => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random read while building a seeded backbone');
    });
    const [a, b, c] = [1, 1, 2].map((seed) => build(seed));
    random.mockRestore();
    const weights = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights(a)).toEqual(weights(b));
    expect(weights(a)).not.toEqual(weights(c));
    for (const model of [a, b, c]) model.dispose();
  });

  it('rejects bad options with errors naming the backbone and option', () => {
    expect(() => convNet({ inputShape: [28, 28] as never })).toThrow(/convNet: inputShape must be \[height, width, channels\]/);
    expect(() => resnet({ inputShape: [8, 8, 3], blocksPerStage: [] })).toThrow(/resnet: blocksPerStage must be a non-empty list/);
    expect(() => visionTransformer({ inputShape: [30, 30, 1], patchSize: 4 })).toThrow(/patchSize 4 must divide the image size 30x30/);
  });
});
