import * as tf from '../tf.js';
import { clipByGlobalNorm } from '../optimizers/clip-by-global-norm.js';
import type { ParallelReplicas } from '../parallel/parallel-replicas.js';
import type { LossOutput, Method, StepContext } from './method.js';
import { methodLoss } from './method-loss.js';

/** The loss of one step and its parts, read back from the backend as numbers, and the carry for `onStepEnd`. */
export interface StepValues {
  loss: number;
  terms: Record<string, number>;
  metrics: Record<string, number>;
  /** The loss's `carry`, kept for the step hook: the caller disposes it. */
  carry: tf.NamedTensorMap;
}

/**
 * One optimizer step of `method` on `batch`: prepares the inputs, differentiates
 * `loss(forward(inputs))` with respect to `variables`, clips the gradients if asked,
 * applies the optimizer, and returns the loss, its terms and metrics as numbers (one read
 * from the backend) with the carry. Leaks nothing else.
 *
 * @example
 * const { loss, terms, carry } = runStep(method, batch, context, variables, optimizer, undefined);
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
    const { value, grads } = tf.variableGrads(() => collector.collect(methodLoss(method, batch, context)), variables);
    optimizer.applyGradients(clipGradientNorm === undefined ? grads : clipByGlobalNorm(grads, clipGradientNorm).gradients);
    return value;
  });
  return collector.read(loss);
}

/**
 * The same step with `forward` on `replicas`' worker threads: the prepared `inputs` are
 * sliced by examples (worker i gets the i-th contiguous slice of every input), the
 * workers' outputs are joined in example order and `method.loss` sees the whole batch,
 * so negatives, queues and centres span every example; the summed gradients update
 * `variables`, the main thread's copy. The averaged (momentum) weights travel with them.
 *
 * @example
 * const inputs = method.prepare(batch, context);
 * const values = await runParallelStep(method, inputs, context, variables, optimizer, undefined, replicas);
 */
export async function runParallelStep<Batch>(
  method: Method<Batch>,
  inputs: tf.Tensor[],
  context: StepContext,
  variables: tf.Variable[],
  optimizer: tf.Optimizer,
  clipGradientNorm: number | undefined,
  replicas: ParallelReplicas,
): Promise<StepValues> {
  const collector = new LossCollector();
  const shards = splitExamples(inputs, replicas.workers);
  try {
    const loss = await replicas.step({
      variables,
      averaged: method.averagedVariables?.(),
      optimizer,
      shards,
      seed: context.seed,
      loss: (outputs) => {
        const joined = outputs[0].map((_, k) =>
          outputs.length === 1
            ? outputs[0][k]
            : tf.concat(
                outputs.map((worker) => worker[k]),
                0,
              ),
        );
        return collector.collect(method.loss(joined, inputs, context));
      },
      clipGradientNorm,
    });
    return collector.read(tf.scalar(loss));
  } finally {
    tf.dispose(shards);
  }
}

/**
 * Splits every tensor of `inputs` into `parts` contiguous slices along axis 0 (sizes
 * differ by at most one): `result[i]` holds slice i of each input.
 *
 * @example
 * splitExamples([views1, views2], 2); // [[views1[0:128], views2[0:128]], [views1[128:], views2[128:]]]
 */
export function splitExamples(inputs: tf.Tensor[], parts: number): tf.Tensor[][] {
  const examples = inputs[0]?.shape[0] ?? 0;
  for (const [i, input] of inputs.entries()) {
    if (input.shape[0] !== examples) {
      throw new Error(
        `train: prepared input ${i} has ${input.shape[0]} examples on axis 0, input 0 has ${examples}; every input must hold the same examples`,
      );
    }
  }
  if (examples < parts)
    throw new Error(`train: a batch of ${examples} examples cannot be split over ${parts} workers; use a larger batch or fewer workers`);
  const sizes = Array.from({ length: parts }, (_, i) => Math.floor(examples / parts) + (i < examples % parts ? 1 : 0));
  return tf.tidy(() => {
    const pieces = inputs.map((input) => tf.split(input, sizes, 0));
    return sizes.map((_, i) => pieces.map((split) => split[i]));
  });
}

/** Keeps a loss output's terms, metrics and carry past the gradient scope, then reads the numbers all at once. */
class LossCollector {
  private readonly names: string[] = [];
  private readonly kept: tf.Scalar[] = [];
  private readonly numbers: Record<string, number> = {};
  private carry: tf.NamedTensorMap = {};

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
    this.carry = Object.fromEntries(Object.entries(output.carry ?? {}).map(([name, tensor]) => [name, tf.keep(tf.clone(tensor))]));
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
    return { loss: all[0], terms, metrics, carry: this.carry };
  }
}
