import * as tf from '@tensorflow/tfjs';
import { mlpHead, negativeCosineSimilarity, simsiamPredictionHead, stopGradient } from '@selfsup/core';
import { type ImagesBatch, type ViewTransform, type VisionMethod, imagesToTensor, outputUnits, trainableVariablesOf } from './views.js';

/** SimSiam's defaults (Chen & He 2021): a 3-layer 2048-d projector with BN, a 512-d bottleneck predictor. */
export const SIMSIAM_DEFAULTS = Object.freeze({ projectionUnits: 2048, predictorHiddenUnits: 512 });

export interface SimsiamOptions {
  encoder: tf.LayersModel;
  augment: ViewTransform;
  projectionUnits?: number;
  predictorHiddenUnits?: number;
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
  const units = options.projectionUnits ?? SIMSIAM_DEFAULTS.projectionUnits;
  const projector = mlpHead({
    inputUnits: outputUnits(encoder),
    blocks: [
      { units, batchNorm: true, activation: 'relu', useBias: false },
      { units, batchNorm: true, activation: 'relu', useBias: false },
      { units, batchNorm: true, useBias: false },
    ],
    name: 'simsiam_projector',
  });
  const predictor = simsiamPredictionHead({
    inputUnits: units,
    hiddenUnits: options.predictorHiddenUnits ?? SIMSIAM_DEFAULTS.predictorHiddenUnits,
    outputUnits: units,
    name: 'simsiam_predictor',
  });
  return {
    name: 'simsiam',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, projector, predictor),
    computeLoss(batch: ImagesBatch, context) {
      const views = [augment(batch.images, context.random), augment(batch.images, context.random)].map(imagesToTensor);
      const projections = views.map((v) => projector.apply(encoder.apply(v, { training: true }), { training: true }) as tf.Tensor2D);
      const predictions = projections.map((z) => predictor.apply(z, { training: true }) as tf.Tensor2D);
      const loss = tf.mul(
        0.5,
        tf.add(
          negativeCosineSimilarity(predictions[0], stopGradient(projections[1])),
          negativeCosineSimilarity(predictions[1], stopGradient(projections[0])),
        ),
      ) as tf.Scalar;
      return { loss, terms: { negativeCosine: loss } };
    },
    models: () => ({ encoder, projector, predictor }),
    dispose() {
      projector.dispose();
      predictor.dispose();
    },
  };
}
