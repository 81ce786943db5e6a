import type * as tf from '@selfsup/core/tf';
import { NT_XENT_DEFAULTS, ntXent, simclrProjectionHead } from '@selfsup/core';
import { type ViewTransform, type VisionMethod, definedOnly, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** SimCLR's defaults (Chen et al. 2020): projection MLP 2048 → 128, NT-Xent temperature 0.5. */
export const SIMCLR_DEFAULTS = Object.freeze({ hiddenUnits: 2048, outputUnits: 128, temperature: NT_XENT_DEFAULTS.temperature, seed: 0 });

export interface SimclrOptions {
  encoder: tf.LayersModel;
  /** One random view of a batch (e.g. `simclrView` of the augment module). */
  augment: ViewTransform;
  /** Hidden and output widths of the projection head g(·). Default 2048 and 128. */
  hiddenUnits?: number;
  outputUnits?: number;
  /** NT-Xent temperature. Default 0.5. */
  temperature?: number;
  /** Seed of the heads' initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
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
  const settings = { ...SIMCLR_DEFAULTS, ...definedOnly(options) };
  const projector = simclrProjectionHead({
    inputUnits: outputUnits(encoder),
    hiddenUnits: settings.hiddenUnits,
    outputUnits: settings.outputUnits,
    name: 'simclr_projector',
    seed: settings.seed,
  });
  return {
    name: 'simclr',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, projector),
    prepare: ({ images }, { random }) => [augment(images, random), augment(images, random)].map(imagesToTensor), // 2 x [B, H, W, C]
    forward: (views, context) =>
      views.map((v) => projector.apply(encoder.apply(v, { training: true, context }), { training: true, context }) as tf.Tensor2D),
    loss([z1, z2]) {
      const loss = ntXent(z1 as tf.Tensor2D, z2 as tf.Tensor2D, { temperature: settings.temperature });
      return { loss, terms: { ntXent: loss } };
    },
    models: () => ({ encoder, projector }),
    dispose: () => projector.dispose(),
  };
}
