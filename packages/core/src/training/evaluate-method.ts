import * as tf from '../tf.js';
import { createRandom } from '../random/seeded-random.js';
import { deriveSeed } from '../random/derive-seed.js';
import type { BatchSource } from './batch-loader.js';
import type { Method } from './method.js';

/** A method's loss on held-out batches. */
export interface MethodEvaluation {
  /** Mean of the batches' losses. */
  loss: number;
  /** Mean of each named term of the loss (e.g. BERT's mlm and nsp). */
  terms: Record<string, number>;
  /** Examples evaluated (axis 0 of the prepared inputs, summed over batches). */
  examples: number;
  batches: number;
}

/**
 * A method's objective on held-out data, without a gradient or an optimizer step: the
 * first `batches` batches of epoch 0 of `data` under `seed`, each prepared with its own
 * fixed random stream (derived from `seed` and the batch's index), so that the figure moves
 * only with the weights. `forward` runs as in training (pass models without dropout, or
 * accept its noise). Leaves no tensor behind.
 *
 * @example
 * const { loss } = await evaluateMethod(method, tokenWindows({ tokens: heldOut, contextLength: 64, batchSize: 32 }), { batches: 8 });
 */
export async function evaluateMethod<Batch>(
  method: Method<Batch>,
  data: BatchSource<Batch>,
  options: { batches: number; seed?: number },
): Promise<MethodEvaluation> {
  if (!Number.isInteger(options.batches) || options.batches < 1)
    throw new Error(`evaluateMethod: batches must be a positive integer, got ${options.batches}`);
  const seed = options.seed ?? 0;
  const losses: number[] = [];
  const terms: Record<string, number> = {};
  let examples = 0;
  for await (const batch of data.epoch({ epoch: 0, seed, startBatch: 0 })) {
    const step = losses.length;
    const stepSeed = deriveSeed(seed, step);
    const context = { step, totalSteps: options.batches, epoch: 0, learningRate: 0, seed: stepSeed, random: createRandom(stepSeed) };
    tf.tidy(() => {
      const inputs = method.prepare(batch, context);
      const outputs = method.forward(inputs, { seed: stepSeed, offset: 0, batchSize: inputs[0].shape[0] });
      const output = method.loss(outputs, inputs, context);
      for (const [name, term] of Object.entries(output.terms ?? {})) terms[name] = (terms[name] ?? 0) + term.dataSync()[0];
      losses.push(output.loss.dataSync()[0]);
      examples += inputs[0].shape[0];
    });
    if (losses.length >= options.batches) break;
  }
  if (losses.length === 0) throw new Error('evaluateMethod: the data gave no batch');
  for (const name of Object.keys(terms)) terms[name] /= losses.length;
  return { loss: losses.reduce((sum, l) => sum + l, 0) / losses.length, terms, examples, batches: losses.length };
}
