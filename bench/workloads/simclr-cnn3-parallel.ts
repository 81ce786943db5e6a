// simclr-cnn3 with the two views on two worker threads (ParallelReplicas): each worker
// runs the encoder on one view, the main thread joins the embeddings in NT-Xent and owns
// the weights and Adam. Same update as the one-thread step (batch norm sees one view at a
// time in both, as in the PyTorch reference).
import * as tf from '@selfsup/core/tf';
import { type Replica, ntXent } from '@selfsup/core';
import { ParallelReplicas } from '@selfsup/core/node';
import { buildSimclrEncoder } from './simclr-cnn3.js';
import type { Workload } from './workload.js';

export function createReplica(): Replica {
  const encoder = buildSimclrEncoder();
  return {
    trainableVariables: () => encoder.trainableWeights.map((w) => w.read() as tf.Variable),
    forward: ([views]) => encoder.apply(views, { training: true }) as tf.Tensor,
  };
}

export async function simclrCnn3Parallel(batch = 256): Promise<Workload> {
  const replicas = await ParallelReplicas.create({ module: new URL('./simclr-cnn3-parallel.ts', import.meta.url), workers: 2 });
  const encoder = buildSimclrEncoder();
  const variables = encoder.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(1e-3);
  const x1 = tf.randomNormal([batch, 28, 28, 1]);
  const x2 = tf.randomNormal([batch, 28, 28, 1]);
  return {
    name: 'simclr-cnn3, 2 workers',
    unit: 'views/s',
    itemsPerStep: 2 * batch,
    step: async () => {
      await replicas.step({
        variables,
        optimizer,
        shards: [[x1], [x2]],
        loss: ([[z1], [z2]]) => ntXent(z1 as tf.Tensor2D, z2 as tf.Tensor2D, { temperature: 0.5 }),
      });
    },
    dispose: async () => {
      await replicas.dispose();
      tf.dispose([x1, x2]);
      optimizer.dispose();
      encoder.dispose();
    },
  };
}
