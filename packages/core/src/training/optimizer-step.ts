import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from '../optimizers/clip-by-global-norm.js';
import type { ParallelReplicas } from '../parallel/parallel-replicas.js';
import type { LossOutput, Method, StepContext } from './method.js';

/** The loss of one step and its parts, read back from the backend as numbers. */
export interface StepValues {
  loss: number;
  terms: Record<string, number>;
  metrics: Record<string, number>;
}

/**
 * One optimizer step of `method` on `batch`: differentiates `computeLoss` with respect to
 * `variables`, clips the gradients if asked, applies the optimizer, and returns the loss,
 * its terms and metrics as numbers (one read from the backend). Leaks nothing.
 *
 * @example
 * const { loss, terms } = runStep(method, batch, context, variables, optimizer, undefined);
 */
export function runStep<Batch>(
  method: Method<Batch>,
  batch: Batch,
  context: StepContext,
  variables: tf.Variable[],
  optimizer: tf.Optimizer,
  clipGradientNorm: number | undefined,
): StepValues {
  const collector = new LossCollector();
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => collector.collect(method.computeLoss(batch, context)), variables);
    optimizer.applyGradients(clipGradientNorm === undefined ? grads : clipByGlobalNorm(grads, clipGradientNorm).gradients);
    return value;
  });
  return collector.read(loss);
}

/**
 * The same step with the forward and backward passes on `replicas`' worker threads:
 * `method.shards` splits the batch (one list of inputs per worker), `method.joinLoss`
 * computes the loss of the joined outputs on this thread, and the summed gradients update
 * `variables`, the main thread's copy.
 *
 * @example
 * const values = await runParallelStep(method, batch, context, variables, optimizer, undefined, replicas, seed);
 */
export async function runParallelStep<Batch>(
  method: Method<Batch>,
  batch: Batch,
  context: StepContext,
  variables: tf.Variable[],
  optimizer: tf.Optimizer,
  clipGradientNorm: number | undefined,
  replicas: ParallelReplicas,
  shards: tf.Tensor[][],
  seed: number,
): Promise<StepValues> {
  const collector = new LossCollector();
  const loss = await replicas.step({
    variables,
    optimizer,
    shards,
    loss: (outputs) => collector.collect(method.joinLoss!(outputs, batch, context)),
    seed,
    clipGradientNorm,
  });
  return collector.read(tf.scalar(loss));
}

/** Keeps a loss output's terms and metrics past the gradient scope, then reads them all at once. */
class LossCollector {
  private readonly names: string[] = [];
  private readonly kept: tf.Scalar[] = [];
  private readonly numbers: Record<string, number> = {};

  collect(output: LossOutput): tf.Scalar {
    for (const [name, term] of Object.entries(output.terms ?? {})) {
      this.names.push(`term:${name}`);
      this.kept.push(tf.keep(tf.clone(term))); // a clone: the term may be the loss itself, which its caller disposes
    }
    for (const [name, metric] of Object.entries(output.metrics ?? {})) {
      if (typeof metric === 'number') this.numbers[name] = metric;
      else {
        this.names.push(`metric:${name}`);
        this.kept.push(tf.keep(tf.clone(metric)));
      }
    }
    return output.loss;
  }

  /** Reads the loss (disposed here) and everything collected in one transfer, and frees them. */
  read(loss: tf.Scalar): StepValues {
    const stacked = tf.tidy(() => tf.stack([loss, ...this.kept.map((t) => tf.cast(t, 'float32'))]));
    const all = stacked.dataSync();
    tf.dispose([stacked, loss, ...this.kept]);
    const terms: Record<string, number> = {};
    const metrics: Record<string, number> = { ...this.numbers };
    this.names.forEach((name, i) => {
      if (name.startsWith('term:')) terms[name.slice(5)] = all[i + 1];
      else metrics[name.slice(7)] = all[i + 1];
    });
    return { loss: all[0], terms, metrics };
  }
}
