import * as tf from '@selfsup/core/tf';
import { MomentumEncoder, WeightSeeds, byolLoss, byolPredictionHead, cosineMomentumSchedule, stopGradient } from '@selfsup/core';
import { type ViewTransform, type VisionMethod, definedOnly, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** BYOL's defaults (Grill et al. 2020): projection and prediction MLPs 4096 → 256, τ from 0.996 to 1. */
export const BYOL_DEFAULTS = Object.freeze({ hiddenUnits: 4096, outputUnits: 256, baseMomentum: 0.996, seed: 0 });

export interface ByolOptions {
  encoder: tf.LayersModel;
  /** The two asymmetric views: [first view, second view] (e.g. `[byolFirstView, byolSecondView]`). */
  augment: [ViewTransform, ViewTransform];
  /** Steps of the run, for the cosine momentum schedule of the target. */
  totalSteps: number;
  /** Hidden and output widths of the projector and the predictor. Default 4096 and 256. */
  hiddenUnits?: number;
  outputUnits?: number;
  /** The target's EMA rate at step 0, raised to 1 on a cosine schedule. Default 0.996. */
  baseMomentum?: number;
  /** Seed of the heads' initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * BYOL (Grill et al. 2020, "Bootstrap Your Own Latent"): an online network (encoder,
 * projector, predictor) predicts the projection of the other view by a target network,
 * the EMA of the online encoder and projector, with a stop-gradient; the loss is
 * symmetrised over the two views. The target moves in `onStepEnd`, its rate following
 * BYOL's cosine schedule from 0.996 to 1.
 *
 * @example
 * const method = byol({ encoder, augment: [byolFirstView, byolSecondView], totalSteps: 1000 });
 */
export function byol(options: ByolOptions): VisionMethod {
  const {
    encoder,
    augment: [firstView, secondView],
  } = options;
  const settings = { ...BYOL_DEFAULTS, ...definedOnly(options) };
  const { hiddenUnits, outputUnits: units } = settings;
  const seeds = new WeightSeeds(settings.seed);
  const projector = byolPredictionHead({
    inputUnits: outputUnits(encoder),
    hiddenUnits,
    outputUnits: units,
    name: 'byol_projector',
    seed: seeds.next(),
  });
  const predictor = byolPredictionHead({ inputUnits: units, hiddenUnits, outputUnits: units, name: 'byol_predictor', seed: seeds.next() });
  const online = tf.sequential({ name: 'byol_online', layers: [encoder, projector] });
  const target = new MomentumEncoder(online);
  const momentum = cosineMomentumSchedule({ baseMomentum: settings.baseMomentum, totalSteps: options.totalSteps });
  return {
    name: 'byol',
    encoder,
    trainableVariables: () => trainableVariablesOf(online, predictor),
    prepare: ({ images }, { random }) => [firstView(images, random), secondView(images, random)].map(imagesToTensor),
    forward: (views, context) => [
      ...views.map((v) => predictor.apply(online.apply(v, { training: true, context }), { training: true, context }) as tf.Tensor2D), // p1, p2
      ...views.map((v) => stopGradient(target.model.apply(v, { training: true, context }) as tf.Tensor2D)), // z'1, z'2
    ],
    loss([p1, p2, t1, t2]) {
      // Each view's prediction targets the other view's projection.
      const loss = tf.add(byolLoss(p1 as tf.Tensor2D, t2 as tf.Tensor2D), byolLoss(p2 as tf.Tensor2D, t1 as tf.Tensor2D)) as tf.Scalar;
      return { loss, terms: { byol: loss } };
    },
    onStepEnd: ({ step }) => target.update(momentum(step)),
    models: () => ({ encoder, projector, predictor }),
    state: () => ({ target }),
    averagedVariables: () => target.averagedVariables(),
    dispose() {
      target.dispose();
      projector.dispose();
      predictor.dispose();
    },
  };
}
