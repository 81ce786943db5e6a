import * as tf from '@tensorflow/tfjs';
import { MemoryBank, MomentumEncoder, infoNce, mlpHead, stopGradient } from '@selfsup/core';
import { type ImagesBatch, type ViewTransform, type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** MoCo v2's defaults (Chen et al. 2020, "Improved Baselines with Momentum Contrastive Learning"). */
export const MOCO_DEFAULTS = Object.freeze({ queueSize: 65536, momentum: 0.999, temperature: 0.2, hiddenUnits: 2048, outputUnits: 128 });

export interface MocoOptions {
  encoder: tf.LayersModel;
  augment: ViewTransform;
  /** Negatives kept in the queue. Default 65536 (use a few thousand for small data sets). */
  queueSize?: number;
  /** EMA rate of the key encoder. Default 0.999. */
  momentum?: number;
  /** InfoNCE temperature. Default 0.2. */
  temperature?: number;
  /** Seed of the queue's random initial keys. Default 0. */
  seed?: number;
  /** Hidden and output widths of the MLP head. Default 2048 and 128. */
  hiddenUnits?: number;
  outputUnits?: number;
}

/**
 * MoCo v2 (He et al. 2020; Chen et al. 2020): a query encoder with an MLP head, a key
 * encoder that is its exponential moving average, and a queue of past keys as negatives;
 * InfoNCE of each query against its key and the queue. The key encoder and the queue
 * change in `onStepEnd` (keys come from the key encoder, never the query encoder).
 *
 * @example
 * const method = await moco({ encoder, augment: simclrView, queueSize: 4096 });
 */
export async function moco(options: MocoOptions): Promise<VisionMethod> {
  const { encoder, augment } = options;
  const settings = {
    ...MOCO_DEFAULTS,
    queueSize: options.queueSize ?? MOCO_DEFAULTS.queueSize,
    momentum: options.momentum ?? MOCO_DEFAULTS.momentum,
    temperature: options.temperature ?? MOCO_DEFAULTS.temperature,
    hiddenUnits: options.hiddenUnits ?? MOCO_DEFAULTS.hiddenUnits,
    outputUnits: options.outputUnits ?? MOCO_DEFAULTS.outputUnits,
  };
  const head = mlpHead({
    inputUnits: outputUnits(encoder),
    blocks: [{ units: settings.hiddenUnits, activation: 'relu' }, { units: settings.outputUnits }],
    name: 'moco_head',
  });
  const query = tf.sequential({ name: 'moco_query', layers: [encoder, head] });
  const key = await MomentumEncoder.create(query);
  const queue = new MemoryBank({ size: settings.queueSize, dimension: settings.outputUnits, seed: options.seed ?? 0 });
  let lastKeys: tf.Tensor2D | undefined;
  return {
    name: 'moco-v2',
    encoder,
    trainableVariables: () => trainableVariablesOf(query),
    computeLoss(batch: ImagesBatch, context) {
      const queries = query.apply(imagesToTensor(augment(batch.images, context.random)), { training: true }) as tf.Tensor2D;
      const keys = stopGradient(key.model.apply(imagesToTensor(augment(batch.images, context.random)), { training: true }) as tf.Tensor2D);
      lastKeys?.dispose();
      lastKeys = tf.keep(tf.clone(keys));
      const loss = infoNce(queries, keys, queue.keys, { temperature: settings.temperature });
      return { loss, terms: { infoNce: loss } };
    },
    onStepEnd() {
      key.update(settings.momentum);
      if (lastKeys) queue.enqueue(lastKeys);
    },
    models: () => ({ encoder, head }),
    getState: () => ({
      tensors: { queue: tf.clone(queue.keys), ...key.getNamedWeights('key') },
      json: { queuePointer: queue.pointer },
    }),
    setState(state) {
      const tensors = state.tensors ?? {};
      key.setNamedWeights(tensors, 'key');
      queue.setState({ keys: tensors.queue.dataSync() as Float32Array, pointer: (state.json as { queuePointer: number }).queuePointer });
    },
    dispose() {
      lastKeys?.dispose();
      key.dispose();
      queue.dispose();
      head.dispose();
    },
  };
}
