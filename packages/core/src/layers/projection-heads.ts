import type * as tf from '../tf.js';
import { mlpHead } from './mlp-head.js';

/** Options of the two-layer heads: sizes default to the paper's. */
export interface TwoLayerHeadOptions {
  /** Width of the input features: the backbone's (projection heads) or the projection's (prediction heads). */
  inputUnits: number;
  /** Width of the hidden layer. */
  hiddenUnits?: number;
  /** Width of the output. */
  outputUnits?: number;
  /** Batch norm after the hidden dense layer (before the ReLU). */
  batchNorm?: boolean;
  /** Name of the model and prefix of its layers' names. */
  name?: string;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

/**
 * SimCLR v1 projection head (Chen et al. 2020, "A Simple Framework for Contrastive Learning
 * of Visual Representations"): z = W2·ReLU(W1·h), hidden 2048 (the width of ResNet-50's
 * features), output 128. No batch norm, as the paper's equation; the authors' code adds
 * one after the hidden layer (`batchNorm: true`).
 */
export const SIMCLR_PROJECTION_HEAD_DEFAULTS = Object.freeze({ hiddenUnits: 2048, outputUnits: 128, batchNorm: false });

/**
 * BYOL prediction head (Grill et al. 2020, "Bootstrap Your Own Latent"): Linear(4096) →
 * BatchNorm → ReLU → Linear(256). BYOL's projection head has the same shape (hidden 4096,
 * output 256) on the backbone's features: `byolPredictionHead({ inputUnits: 2048 })` builds it.
 */
export const BYOL_PREDICTION_HEAD_DEFAULTS = Object.freeze({ hiddenUnits: 4096, outputUnits: 256, batchNorm: true });

/**
 * SimSiam prediction head (Chen & He 2021, "Exploring Simple Siamese Representation
 * Learning"): a bottleneck Linear(512) → BatchNorm → ReLU → Linear(2048), on 2048-d projections.
 */
export const SIMSIAM_PREDICTION_HEAD_DEFAULTS = Object.freeze({ hiddenUnits: 512, outputUnits: 2048, batchNorm: true });

function twoLayerHead(
  defaults: { hiddenUnits: number; outputUnits: number; batchNorm: boolean },
  options: TwoLayerHeadOptions,
  caller: string,
): tf.Sequential {
  if (options === undefined || options === null) throw new Error(`${caller}: options { inputUnits } are required`);
  const batchNorm = options.batchNorm ?? defaults.batchNorm;
  try {
    return mlpHead({
      inputUnits: options.inputUnits,
      blocks: [
        { units: options.hiddenUnits ?? defaults.hiddenUnits, batchNorm, activation: 'relu' },
        { units: options.outputUnits ?? defaults.outputUnits },
      ],
      name: options.name,
      seed: options.seed,
    });
  } catch (error) {
    throw new Error(`${caller}: ${(error as Error).message.replace('blocks[0].units', 'hiddenUnits').replace('blocks[1].units', 'outputUnits')}`);
  }
}

/**
 * SimCLR v1 projection head, h [B, inputUnits] → z [B, 128] (sizes overridable; see
 * `SIMCLR_PROJECTION_HEAD_DEFAULTS`).
 *
 * @example
 * const head = simclrProjectionHead({ inputUnits: 512, hiddenUnits: 512 });
 * const z = head.predict(tf.randomNormal([4, 512])) as tf.Tensor; // [4, 128]
 */
export function simclrProjectionHead(options: TwoLayerHeadOptions): tf.Sequential {
  return twoLayerHead(SIMCLR_PROJECTION_HEAD_DEFAULTS, options, 'simclrProjectionHead');
}

/**
 * BYOL prediction head, q [B, inputUnits] → [B, 256] through 4096 hidden units with batch
 * norm and ReLU (see `BYOL_PREDICTION_HEAD_DEFAULTS`).
 *
 * @example
 * const predictor = byolPredictionHead({ inputUnits: 256 });
 * const p = predictor.predict(tf.randomNormal([4, 256])) as tf.Tensor; // [4, 256]
 */
export function byolPredictionHead(options: TwoLayerHeadOptions): tf.Sequential {
  return twoLayerHead(BYOL_PREDICTION_HEAD_DEFAULTS, options, 'byolPredictionHead');
}

/**
 * SimSiam prediction head, z [B, inputUnits] → p [B, 2048] through a 512-unit bottleneck
 * with batch norm and ReLU (see `SIMSIAM_PREDICTION_HEAD_DEFAULTS`).
 *
 * @example
 * const predictor = simsiamPredictionHead({ inputUnits: 2048 });
 * const p = predictor.predict(tf.randomNormal([4, 2048])) as tf.Tensor; // [4, 2048]
 */
export function simsiamPredictionHead(options: TwoLayerHeadOptions): tf.Sequential {
  return twoLayerHead(SIMSIAM_PREDICTION_HEAD_DEFAULTS, options, 'simsiamPredictionHead');
}
