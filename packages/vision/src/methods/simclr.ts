import type * as tf from '@tensorflow/tfjs';
import { NT_XENT_DEFAULT_TEMPERATURE, ntXent, simclrProjectionHead } from '@selfsup/core';
import { type ImagesBatch, type ViewTransform, type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

export interface SimclrOptions {
  encoder: tf.LayersModel;
  /** One random view of a batch (e.g. `simclrView` of the augment module). */
  augment: ViewTransform;
  /** Projection head g(·); default `simclrProjectionHead` on the encoder's output (hidden 2048 → 128). */
  projector?: tf.LayersModel;
  /** NT-Xent temperature. Default 0.5. */
  temperature?: number;
}

/**
 * SimCLR (Chen et al. 2020, "A Simple Framework for Contrastive Learning of Visual
 * Representations"): two augmented views of each image through encoder and projection
 * head, NT-Xent over the 2N views. No state.
 *
 * @example
 * const method = simclr({ encoder: convNet({ inputShape: [28, 28, 1] }), augment: simclrView });
 * await train({ method, data, optimizer: new LARS({ learningRate: 0.3 }), steps: 1000 });
 */
export function simclr(options: SimclrOptions): VisionMethod {
  const { encoder, augment } = options;
  const projector = options.projector ?? simclrProjectionHead({ inputUnits: outputUnits(encoder), name: 'simclr_projector' });
  const temperature = options.temperature ?? NT_XENT_DEFAULT_TEMPERATURE;
  const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x, { training: true }), { training: true }) as tf.Tensor2D;
  const views = (batch: ImagesBatch, random: Parameters<ViewTransform>[1]) =>
    [augment(batch.images, random), augment(batch.images, random)].map(imagesToTensor);
  return {
    name: 'simclr',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, projector),
    computeLoss(batch, context) {
      const [view1, view2] = views(batch, context.random);
      const loss = ntXent(embed(view1), embed(view2), { temperature });
      return { loss, terms: { ntXent: loss } };
    },
    models: () => ({ encoder, projector }),
    dispose: () => projector.dispose(),
  };
}
