// gpt-char with the batch split in halves across two worker threads (ParallelReplicas):
// each worker computes the logits of its half, the main thread joins them in the
// cross-entropy (a mean over all tokens, so the summed gradients equal the whole batch's)
// and owns the weights and AdamW.
import * as tf from '@selfsup/core/tf';
import { AdamW, type Replica, maskedCrossEntropy } from '@selfsup/core';
import { ParallelReplicas } from '@selfsup/core/node';
import { buildGpt, GPT_CONTEXT, GPT_VOCABULARY } from './gpt-char.js';
import type { Workload } from './workload.js';

export function createReplica(): Replica {
  const model = buildGpt();
  return {
    trainableVariables: () => model.trainableWeights.map((w) => w.read() as tf.Variable),
    forward: ([tokens]) => model.apply(tokens, { training: true }) as tf.Tensor,
  };
}

export async function gptCharParallel(batch = 64): Promise<Workload> {
  const replicas = await ParallelReplicas.create({ module: new URL('./gpt-char-parallel.ts', import.meta.url), workers: 2 });
  const model = buildGpt();
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = new AdamW({ learningRate: 1e-3 });
  const inputs = tf.randomUniform([batch, GPT_CONTEXT], 0, GPT_VOCABULARY, 'int32');
  const targets = tf.randomUniform([batch, GPT_CONTEXT], 0, GPT_VOCABULARY, 'int32');
  const halves = tf.split(inputs, 2, 0);
  return {
    name: 'gpt-char, 2 workers',
    unit: 'tokens/s',
    itemsPerStep: batch * GPT_CONTEXT,
    step: async () => {
      await replicas.step({
        variables,
        optimizer,
        shards: halves.map((half) => [half]),
        loss: (outputs) =>
          maskedCrossEntropy(
            tf.concat(
              outputs.map(([logits]) => logits),
              0,
            ) as tf.Tensor3D,
            targets as tf.Tensor2D,
          ),
      });
    },
    dispose: async () => {
      await replicas.dispose();
      tf.dispose([inputs, targets, ...halves]);
      optimizer.dispose();
      model.dispose();
    },
  };
}
