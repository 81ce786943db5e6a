import * as tf from '@tensorflow/tfjs';
import { MomentumEncoder, byolLoss, byolPredictionHead, cosineMomentumSchedule, stopGradient } from '@selfsup/core';
import { type ImagesBatch, type ViewTransform, type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** BYOL's defaults (Grill et al. 2020): projection and prediction MLPs 4096 → 256, τ from 0.996 to 1. */
export const BYOL_DEFAULTS = Object.freeze({ hiddenUnits: 4096, outputUnits: 256, baseMomentum: 0.996 });

export interface ByolOptions {
  encoder: tf.LayersModel;
  /** The two asymmetric views: [first view, second view] (e.g. `[byolFirstView, byolSecondView]`). */
  augment: [ViewTransform, ViewTransform];
  /** Steps of the run, for the cosine momentum schedule of the target. */
  totalSteps: number;
  hiddenUnits?: number;
  outputUnits?: number;
  baseMomentum?: number;
}

/**
 * BYOL (Grill et al. 2020, "Bootstrap Your Own Latent"): an online network (encoder,
 * projector, predictor) predicts the projection of the other view by a target network,
 * the EMA of the online encoder and projector, with a stop-gradient; the loss is
 * symmetrised over the two views. The target moves in `onStepEnd`, its rate following
 * BYOL's cosine schedule from 0.996 to 1.
 *
 * @example
 * const method = await byol({ encoder, augment: [byolFirstView, byolSecondView], totalSteps: 1000 });
 */
export async function byol(options: ByolOptions): Promise<VisionMethod> {
  const { encoder } = options;
  const hiddenUnits = options.hiddenUnits ?? BYOL_DEFAULTS.hiddenUnits;
  const units = options.outputUnits ?? BYOL_DEFAULTS.outputUnits;
  const projector = byolPredictionHead({ inputUnits: outputUnits(encoder), hiddenUnits, outputUnits: units, name: 'byol_projector' });
  const predictor = byolPredictionHead({ inputUnits: units, hiddenUnits, outputUnits: units, name: 'byol_predictor' });
  const online = tf.sequential({ name: 'byol_online', layers: [encoder, projector] });
  const target = await MomentumEncoder.create(online);
  const momentum = cosineMomentumSchedule({ baseMomentum: options.baseMomentum ?? BYOL_DEFAULTS.baseMomentum, totalSteps: options.totalSteps });
  const [firstView, secondView] = options.augment;
  return {
    name: 'byol',
    encoder,
    trainableVariables: () => trainableVariablesOf(online, predictor),
    computeLoss(batch: ImagesBatch, context) {
      const views = [firstView(batch.images, context.random), secondView(batch.images, context.random)].map(imagesToTensor);
      const predictions = views.map((v) => predictor.apply(online.apply(v, { training: true }), { training: true }) as tf.Tensor2D);
      const targets = views.map((v) => stopGradient(target.model.apply(v, { training: true }) as tf.Tensor2D));
      // Each view's prediction targets the other view's projection.
      const loss = tf.add(byolLoss(predictions[0], targets[1]), byolLoss(predictions[1], targets[0])) as tf.Scalar;
      return { loss, terms: { byol: loss } };
    },
    onStepEnd(context) {
      target.update(momentum(context.step));
    },
    models: () => ({ encoder, projector, predictor }),
    getState: () => ({ tensors: target.getNamedWeights('target') }),
    setState: (state) => target.setNamedWeights(state.tensors ?? {}, 'target'),
    dispose() {
      target.dispose();
      projector.dispose();
      predictor.dispose();
    },
  };
}
