import * as tf from '../tf.js';
import { deriveSeed } from '../random/derive-seed.js';
import { assertFiniteNumber } from '../validation/index.js';
import type { Initializer } from './layer-tools.js';

/**
 * The seeds of a model's weight initialisers, handed out in build order from one seed:
 * every builder (`convNet`, `mlpHead`, `dinoHead`, the Transformer layers) takes a `seed`
 * and draws one per weight from this, so the same seed gives the same initial weights and
 * nothing swaps `Math.random`. Without a seed the initialisers are unseeded (tfjs then
 * draws from `Math.random`, as `tf.layers` does by default).
 *
 * Written here rather than taken from tfjs because tfjs layers take one seed per
 * initialiser, and a model needs a reproducible stream of them.
 *
 * @example
 * const seeds = new WeightSeeds(42);
 * const layer = tf.layers.dense({ units: 8, kernelInitializer: seeds.glorotUniform() });
 * const head = mlpHead({ inputUnits: 8, blocks: [{ units: 4 }], seed: seeds.next() });
 */
export class WeightSeeds {
  private drawn = 0;

  constructor(readonly seed?: number) {
    if (seed !== undefined) assertFiniteNumber('WeightSeeds', 'seed', seed);
  }

  /** The next seed of the stream (for a sub-model or a layer that takes `seed`), or undefined when unseeded. */
  next(): number | undefined {
    return this.seed === undefined ? undefined : deriveSeed(this.seed, this.drawn++);
  }

  /** Glorot-uniform (tf.layers' default kernel initialiser) with the next seed. */
  glorotUniform(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }

  /** `{ seed }` for a layer's `getConfig`, or `{}` when unseeded (tfjs configs hold no undefined). */
  static config(seed: number | undefined): { seed?: number } {
    return seed === undefined ? {} : { seed };
  }

  /** Uniform in [−limit, limit] (tf.layers.embedding's default with limit 0.05), with the next seed. */
  uniform(limit: number): Initializer {
    return tf.initializers.randomUniform({ minval: -limit, maxval: limit, seed: this.next() });
  }

  /** A normal truncated at two standard deviations (ViT's and BERT's embeddings, 0.02), with the next seed. */
  truncatedNormal(stddev: number): Initializer {
    return tf.initializers.truncatedNormal({ stddev, seed: this.next() });
  }
}
