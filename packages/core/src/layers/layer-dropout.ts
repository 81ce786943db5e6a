import { deriveSeed } from '../random/derive-seed.js';
import * as tf from '../tf.js';
import type { ForwardContext } from '../training/method.js';
import type { Kwargs } from './layer-tools.js';

/**
 * The dropout of one layer call: a function applied to each tensor the layer drops out, in
 * call order (the k-th call is "site" k). Identity unless training with a positive rate.
 *
 * With a `ForwardContext` in the call's keyword arguments (`layer.apply(x, { training:
 * true, context })`, which the trainer's `forward` hands to the methods), every mask is drawn
 * for the whole batch from (step seed, layer seed, site) and sliced to this call's rows
 * `[offset, offset + rows)`: a step drops the same units after a resume and on any number of
 * worker threads as in one thread. Without a context it is `tf.dropout` (tfjs's own random
 * source, not repeatable).
 *
 * Why not tf.dropout with a seed: its mask depends on the shape of the slice, so two
 * workers would drop other units than one thread does.
 *
 * @example
 * // inside a layer's call(inputs, kwargs):
 * const drop = layerDropout(this.options.dropout, kwargs, this.seed);
 * const h = tf.add(x, drop(attention(x)));  // site 0
 * const y = tf.add(h, drop(mlp(h)));          // site 1
 */
export function layerDropout(rate: number, kwargs: Kwargs | undefined, layerSeed: number): (x: tf.Tensor) => tf.Tensor {
  if (kwargs?.training !== true || rate <= 0) return (x) => x;
  const context = kwargs.context as ForwardContext | undefined;
  if (!context) return (x) => tf.dropout(x, rate);
  let site = 0;
  return (x) => {
    const rows = x.shape[0];
    if (context.offset + rows > context.batchSize) {
      throw new Error(`layerDropout: rows [${context.offset}, ${context.offset + rows}) lie outside a batch of ${context.batchSize}`);
    }
    const seed = deriveSeed(deriveSeed(context.seed, layerSeed), site++);
    return tf.tidy(() => {
      const uniform = tf.randomUniform([context.batchSize, ...x.shape.slice(1)], 0, 1, 'float32', seed); // the whole batch's draws
      const rowsOfThisCall = tf.slice(uniform, context.offset, rows); // [rows, ...]
      const keep = tf.div(tf.cast(tf.greaterEqual(rowsOfThisCall, rate), 'float32'), 1 - rate);
      return tf.mul(x, keep);
    });
  };
}

/**
 * A layer's seed for its dropout masks: its weight seed, or a hash of its name when it has
 * none (names repeat when the same models are built in the same order, as in workers).
 *
 * @example
 * const seed = layerSeedOf(this.options.seed, this.name);
 */
export function layerSeedOf(seed: number | undefined, name: string): number {
  if (seed !== undefined) return seed;
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
