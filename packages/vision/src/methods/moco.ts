import * as tf from '@selfsup/core/tf';
import { MemoryBank, MomentumEncoder, infoNce, mlpHead, stopGradient } from '@selfsup/core';
import { type ViewTransform, type VisionMethod, definedOnly, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** MoCo v2's defaults (Chen et al. 2020, "Improved Baselines with Momentum Contrastive Learning"). */
export const MOCO_DEFAULTS = Object.freeze({ queueSize: 65536, momentum: 0.999, temperature: 0.2, hiddenUnits: 2048, outputUnits: 128, seed: 0 });

export interface MocoOptions {
  encoder: tf.LayersModel;
  augment: ViewTransform;
  /** Negatives kept in the queue. Default 65536 (use a few thousand for small data sets). */
  queueSize?: number;
  /** EMA rate of the key encoder (constant, as in MoCo). Default 0.999. */
  momentum?: number;
  /** InfoNCE temperature. Default 0.2. */
  temperature?: number;
  /** Hidden and output widths of the MLP head. Default 2048 and 128. */
  hiddenUnits?: number;
  outputUnits?: number;
  /** Seed of the head's initial weights and of the queue's random initial keys. Default 0. */
  seed?: number;
}

/**
 * MoCo v2 (He et al. 2020; Chen et al. 2020): a query encoder with an MLP head, a key
 * encoder that is its exponential moving average, and a queue of past keys as negatives;
 * InfoNCE of each query against its key and the queue. The loss carries the keys to
 * `onStepEnd`, where the key encoder moves and the keys are enqueued (keys come from the
 * key encoder, never the query encoder). The key encoder and the queue are `state()`.
 *
 * @example
 * const method = moco({ encoder, augment: simclrView, queueSize: 4096 });
 */
export function moco(options: MocoOptions): VisionMethod {
  const { encoder, augment } = options;
  const settings = { ...MOCO_DEFAULTS, ...definedOnly(options) };
  const head = mlpHead({
    inputUnits: outputUnits(encoder),
    blocks: [{ units: settings.hiddenUnits, activation: 'relu' }, { units: settings.outputUnits }],
    name: 'moco_head',
    seed: settings.seed,
  });
  const query = tf.sequential({ name: 'moco_query', layers: [encoder, head] });
  const key = new MomentumEncoder(query);
  const queue = new MemoryBank({ size: settings.queueSize, dimension: settings.outputUnits, seed: settings.seed });
  return {
    name: 'moco',
    encoder,
    trainableVariables: () => trainableVariablesOf(query),
    prepare: ({ images }, { random }) => [augment(images, random), augment(images, random)].map(imagesToTensor), // query and key views
    forward: ([queryView, keyView], context) => [
      query.apply(queryView, { training: true, context }) as tf.Tensor2D, // [B, D]
      stopGradient(key.model.apply(keyView, { training: true, context }) as tf.Tensor2D), // [B, D]
    ],
    loss([queries, keys]) {
      const loss = infoNce(queries as tf.Tensor2D, keys as tf.Tensor2D, queue.keys, { temperature: settings.temperature });
      return { loss, terms: { infoNce: loss }, carry: { keys } };
    },
    onStepEnd({ carry }) {
      key.update(settings.momentum);
      queue.enqueue(carry.keys as tf.Tensor2D);
    },
    models: () => ({ encoder, head }),
    state: () => ({ key, queue }),
    averagedVariables: () => key.averagedVariables(),
    dispose() {
      key.dispose();
      queue.dispose();
      head.dispose();
    },
  };
}
