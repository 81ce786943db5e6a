import type * as tf from '../tf.js';
import { MomentumEncoder } from '../state/momentum-encoder.js';
import type { Method } from './method.js';

/**
 * The variables a method's forward passes change outside the gradient: the non-trainable
 * weights (batch-norm moving statistics) of its `models()` and of the momentum encoders
 * in its `state()`, in a fixed order. With worker threads these move in the workers: the
 * trainer sends the main thread's values to them when a run starts or resumes, and brings
 * worker 0's back before every checkpoint and at the end.
 *
 * @example
 * const statistics = movingStatistics(method); // e.g. 6 batch-norm means and variances
 */
export function movingStatistics(method: Pick<Method<unknown>, 'models' | 'state'>): tf.Variable[] {
  const models = Object.values(method.models?.() ?? {}).flatMap((model) => model.nonTrainableWeights.map((w) => w.read() as tf.Variable));
  const targets = Object.values(method.state?.() ?? {}).flatMap((part) => (part instanceof MomentumEncoder ? part.statisticVariables() : []));
  return [...models, ...targets];
}
