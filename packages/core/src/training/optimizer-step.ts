import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from '../optimizers/clip-by-global-norm.js';
import type { Method, StepContext } from './method.js';

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
  const names: string[] = [];
  const numbers: Record<string, number> = {};
  // Terms are kept out of variableGrads' scope to be read, then disposed here.
  const kept: tf.Scalar[] = [];
  const read = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const output = method.computeLoss(batch, context);
        for (const [name, term] of Object.entries(output.terms ?? {})) {
          names.push(`term:${name}`);
          kept.push(tf.keep(term));
        }
        for (const [name, metric] of Object.entries(output.metrics ?? {})) {
          if (typeof metric === 'number') numbers[name] = metric;
          else {
            names.push(`metric:${name}`);
            kept.push(tf.keep(metric));
          }
        }
        return output.loss;
      }, variables);
      optimizer.applyGradients(clipGradientNorm === undefined ? grads : clipByGlobalNorm(grads, clipGradientNorm).gradients);
      return tf.stack([value, ...kept.map((t) => tf.cast(t, 'float32'))]);
  });
  const all = read.dataSync();
  tf.dispose([read, ...kept]);
  const terms: Record<string, number> = {};
  const metrics: Record<string, number> = { ...numbers };
  names.forEach((name, i) => {
    if (name.startsWith('term:')) terms[name.slice(5)] = all[i + 1];
    else metrics[name.slice(7)] = all[i + 1];
  });
  return { loss: all[0], terms, metrics };
}

