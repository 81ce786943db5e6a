import * as tf from '@selfsup/core/tf';
import { WeightSeeds, mlpHead, negativeCosineSimilarity, simsiamPredictionHead, stopGradient } from '@selfsup/core';
import { type ViewTransform, type VisionMethod, definedOnly, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** SimSiam's defaults (Chen & He 2021): a 3-layer 2048-d projector with BN, a 512-d bottleneck predictor. */
export const SIMSIAM_DEFAULTS = Object.freeze({ outputUnits: 2048, predictorHiddenUnits: 512, seed: 0 });

export interface SimsiamOptions {
  encoder: tf.LayersModel;
  augment: ViewTransform;
  /** Width of the projector's three layers (and of the predictor's output). Default 2048. */
  outputUnits?: number;
  /** The predictor's bottleneck width. Default 512. */
  predictorHiddenUnits?: number;
  /** Seed of the heads' initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * SimSiam (Chen & He 2021, "Exploring Simple Siamese Representation Learning"): the
 * prediction of one view matches the projection of the other, whose gradient is stopped;
 * no negatives, no momentum encoder: the stop-gradient alone prevents collapse.
 * Loss: ½·D(p1, sg(z2)) + ½·D(p2, sg(z1)), D the negative cosine similarity.
 *
 * @example
 * const method = simsiam({ encoder, augment: simclrView });
 */
export function simsiam(options: SimsiamOptions): VisionMethod {
  const { encoder, augment } = options;
  const settings = { ...SIMSIAM_DEFAULTS, ...definedOnly(options) };
  const units = settings.outputUnits;
  const seeds = new WeightSeeds(settings.seed);
  const projector = mlpHead({
    inputUnits: outputUnits(encoder),
    blocks: [
      { units, batchNorm: true, activation: 'relu', useBias: false },
      { units, batchNorm: true, activation: 'relu', useBias: false },
      { units, batchNorm: true, useBias: false },
    ],
    name: 'simsiam_projector',
    seed: seeds.next(),
  });
  const predictor = simsiamPredictionHead({
    inputUnits: units,
    hiddenUnits: settings.predictorHiddenUnits,
    outputUnits: units,
    name: 'simsiam_predictor',
    seed: seeds.next(),
  });
  return {
    name: 'simsiam',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, projector, predictor),
    prepare: ({ images }, { random }) => [augment(images, random), augment(images, random)].map(imagesToTensor),
    forward(views, context) {
      const projections = views.map(
        (v) => projector.apply(encoder.apply(v, { training: true, context }), { training: true, context }) as tf.Tensor2D,
      );
      const predictions = projections.map((z) => predictor.apply(z, { training: true, context }) as tf.Tensor2D);
      return [...predictions, ...projections.map((z) => stopGradient(z))]; // p1, p2, sg(z1), sg(z2)
    },
    loss([p1, p2, z1, z2]) {
      const d = (p: tf.Tensor, z: tf.Tensor) => negativeCosineSimilarity(p as tf.Tensor2D, z as tf.Tensor2D);
      const loss = tf.mul(0.5, tf.add(d(p1, z2), d(p2, z1))) as tf.Scalar;
      return { loss, terms: { negativeCosine: loss } };
    },
    models: () => ({ encoder, projector, predictor }),
    dispose() {
      projector.dispose();
      predictor.dispose();
    },
  };
}
