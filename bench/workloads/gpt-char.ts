// The `gpt-char` step of bench/torch_reference.py: a 4-layer, 4-head, 128-wide
// causal pre-LN Transformer, context 64, vocabulary 65, batch 64; token + learned position
// embeddings, final layer norm, linear head; cross-entropy; AdamW lr 1e-3.
import * as tf from '@selfsup/core/tf';
import { AdamW, LayerNorm, LearnedPositionalEmbedding, TransformerEncoderBlock, WeightSeeds, maskedCrossEntropy } from '@selfsup/core';
import type { Workload } from './workload.js';

const [context, width, heads, depth, vocabulary] = [64, 128, 4, 4, 65];

/** The reference model; the same seed gives the same weights in every thread. */
export function buildGpt(seed = 0): tf.LayersModel {
  const seeds = new WeightSeeds(seed);
  return tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: vocabulary, outputDim: width, inputLength: context, embeddingsInitializer: seeds.uniform(0.05) }),
      new LearnedPositionalEmbedding({ maxLength: context, units: width, seed: seeds.next() }),
      ...Array.from({ length: depth }, () => new TransformerEncoderBlock({ units: width, numHeads: heads, causal: true, seed: seeds.next() })),
      new LayerNorm({ epsilon: 1e-5 }),
      tf.layers.dense({ units: vocabulary, kernelInitializer: seeds.glorotUniform() }),
    ],
  });
}

export const GPT_VOCABULARY = vocabulary;
export const GPT_CONTEXT = context;

export function gptChar(batch = 64): Workload {
  const model = buildGpt();
  const optimizer = new AdamW({ learningRate: 1e-3 });
  const inputs = tf.randomUniform([batch, context], 0, vocabulary, 'int32') as tf.Tensor2D;
  const targets = tf.randomUniform([batch, context], 0, vocabulary, 'int32') as tf.Tensor2D;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    name: 'gpt-char',
    unit: 'tokens/s',
    itemsPerStep: batch * context,
    step: () => {
      const loss = optimizer.minimize(() => maskedCrossEntropy(model.apply(inputs, { training: true }) as tf.Tensor3D, targets), true, variables);
      loss?.dataSync();
      loss?.dispose();
    },
    dispose: () => {
      tf.dispose([inputs, targets]);
      optimizer.dispose();
      model.dispose();
    },
  };
}
