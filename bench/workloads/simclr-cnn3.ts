// The reference CNN SimCLR step of bench/torch_reference.py (`simclr-cnn3`):
// conv(1->32)+BN+ReLU, maxpool2, conv(32->64)+BN+ReLU, maxpool2, conv(64->128)+BN+ReLU,
// global average pool, dense 128 + ReLU, dense 64; NT-Xent (t = 0.5) on 2 x batch views
// of 28x28x1; Adam lr 1e-3. Each view goes through the encoder separately, as in PyTorch.
import * as tf from '@selfsup/core/tf';
import { WeightSeeds, batchNorm, ntXent } from '@selfsup/core';
import type { Workload } from './workload.js';

/** The reference encoder; the same seed gives the same weights in every thread. */
export function buildSimclrEncoder(seed = 0): tf.LayersModel {
  const seeds = new WeightSeeds(seed);
  const block = (filters: number, first = false) => [
    tf.layers.conv2d({
      ...(first ? { inputShape: [28, 28, 1] } : {}),
      filters,
      kernelSize: 3,
      padding: 'same',
      useBias: false,
      kernelInitializer: seeds.glorotUniform(),
    }),
    batchNorm(),
    tf.layers.reLU(),
  ];
  return tf.sequential({
    layers: [
      ...block(32, true),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      ...block(64),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      ...block(128),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: seeds.glorotUniform() }),
      tf.layers.dense({ units: 64, kernelInitializer: seeds.glorotUniform() }),
    ],
  });
}

export function simclrCnn3(batch = 256): Workload {
  const encoder = buildSimclrEncoder();
  const optimizer = tf.train.adam(1e-3);
  const x1 = tf.randomNormal([batch, 28, 28, 1]) as tf.Tensor4D;
  const x2 = tf.randomNormal([batch, 28, 28, 1]) as tf.Tensor4D;
  const variables = encoder.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    name: 'simclr-cnn3',
    unit: 'views/s',
    itemsPerStep: 2 * batch,
    step: () => {
      const loss = optimizer.minimize(
        () =>
          ntXent(encoder.apply(x1, { training: true }) as tf.Tensor2D, encoder.apply(x2, { training: true }) as tf.Tensor2D, { temperature: 0.5 }),
        true,
        variables,
      );
      loss?.dataSync();
      loss?.dispose();
    },
    dispose: () => {
      tf.dispose([x1, x2]);
      optimizer.dispose();
      encoder.dispose();
    },
  };
}
