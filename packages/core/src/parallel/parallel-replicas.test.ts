import * as tf from '../tf.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyEncoder, stateVariables } from '../../test/fixtures/tiny-replica.js';
import { ntXent } from '../losses/nt-xent.js';
import { maxAbsoluteError, randomNormalArray, useBackend } from '../testing/index.js';
import { ParallelReplicas } from './parallel-replicas.js';

const replicaModule = new URL('../../test/fixtures/tiny-replica.ts', import.meta.url);

describe('ParallelReplicas', () => {
  let replicas: ParallelReplicas;
  beforeAll(async () => {
    await useBackend('wasm');
    replicas = await ParallelReplicas.create({ module: replicaModule, options: { seed: 3 }, workers: 2 });
  }, 60_000);
  afterAll(() => replicas?.dispose());

  const view1 = tf.tensor4d(randomNormalArray(6 * 64, { seed: 1 }), [6, 8, 8, 1]);
  const view2 = tf.tensor4d(randomNormalArray(6 * 64, { seed: 2 }), [6, 8, 8, 1]);
  const joinedLoss = ([[z1], [z2]]: tf.Tensor[][]) => ntXent(z1 as tf.Tensor2D, z2 as tf.Tensor2D);

  it('gives the same loss and gradients as both views in one process (one view per worker)', async () => {
    const encoder = buildTinyEncoder(3);
    const variables = encoder.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(
      () => joinedLoss([[encoder.apply(view1, { training: true }) as tf.Tensor], [encoder.apply(view2, { training: true }) as tf.Tensor]]),
      variables,
    );
    replicas.setWeights(variables);
    const parallel = await replicas.forwardBackward([[view1], [view2]], joinedLoss);
    expect(Math.abs(parallel.loss - value.dataSync()[0])).toBeLessThan(1e-5);
    variables.forEach((v, i) => {
      expect(maxAbsoluteError(parallel.gradients[i], grads[v.name].dataSync())).toBeLessThan(1e-5);
    });
    tf.dispose([value, ...Object.values(grads)]);
    encoder.dispose();
  });

  it('trains the main thread copy step after step, leaking nothing', async () => {
    const encoder = buildTinyEncoder(3);
    const variables = encoder.trainableWeights.map((w) => w.read() as tf.Variable);
    const optimizer = tf.train.adam(0.05);
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) losses.push(await replicas.step({ variables, optimizer, shards: [[view1], [view2]], loss: joinedLoss }));
    const before = tf.memory().numTensors;
    for (let step = 0; step < 12; step++) losses.push(await replicas.step({ variables, optimizer, shards: [[view1], [view2]], loss: joinedLoss }));
    expect(tf.memory().numTensors).toBe(before);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    // The batch-norm moving statistics moved in the workers; pulling them updates the main copy.
    const moving = stateVariables(encoder);
    const initial = moving.map((v) => Array.from(v.dataSync()));
    const pulled = await replicas.pullState(moving);
    expect(pulled).toHaveLength(2);
    expect(Array.from(moving[0].dataSync())).not.toEqual(initial[0]);
    expect(Array.from(moving[0].dataSync())).toEqual(Array.from(pulled[0]));
    optimizer.dispose();
    encoder.dispose();
  });

  it('says clearly when shards and workers do not match, or a replica module is wrong', async () => {
    await expect(replicas.forwardBackward([[view1]], joinedLoss)).rejects.toThrow(/expected 2 shards \(one per worker\), got 1/);
    await expect(ParallelReplicas.create({ module: replicaModule, exportName: 'missing', workers: 1 })).rejects.toThrow(
      /exports no function 'missing'/,
    );
  }, 60_000);
});
