// Two small helpers every method file uses to compose its parts (vision, text, speech).
import type * as tf from '../tf.js';

/**
 * The trainable variables of several models, in order: a method's `trainableVariables`.
 *
 * @example
 * const method = { trainableVariables: () => trainableVariablesOf(encoder, projector), ... };
 */
export function trainableVariablesOf(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((model) => model.trainableWeights.map((w) => w.read() as tf.Variable));
}

/**
 * The entries of an options object that are not undefined, so that a defaults object
 * spread before them fills the rest.
 *
 * @example
 * const settings = { ...MOCO_DEFAULTS, ...definedOnly(options) }; // { queueSize: 4096, momentum: 0.999, ... }
 */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
