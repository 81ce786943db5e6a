import * as tf from '../tf.js';
import { L2Normalization } from './l2-normalization.js';
import { check, positiveInteger } from './layer-tools.js';
import { type MlpBlock, mlpHeadLayers } from './mlp-head.js';
import { WeightNormDense } from './weight-norm-dense.js';
import { WeightSeeds } from './weight-seeds.js';

/**
 * DINO head defaults (Caron et al. 2021, "Emerging Properties in Self-Supervised Vision
 * Transformers"): a 3-layer MLP with 2048 hidden units and GELU, a 256-d bottleneck that is
 * L2-normalised, then a weight-normalised linear layer to 65536 prototypes whose gain is
 * frozen at 1 (`normLastLayer`), no batch norm (the ViT setting).
 */
export const DINO_HEAD_DEFAULTS = Object.freeze({
  outputUnits: 65536,
  hiddenUnits: 2048,
  bottleneckUnits: 256,
  numLayers: 3,
  normLastLayer: true,
  batchNorm: false,
});

export interface DinoHeadOptions {
  /** Width of the backbone features (e.g. 384 for ViT-S, 768 for ViT-B). */
  inputUnits: number;
  /** Number of prototypes K (the softmax width). Default 65536; small values for small data. */
  outputUnits?: number;
  /** Hidden width of the MLP. Default 2048. */
  hiddenUnits?: number;
  /** Width of the L2-normalised bottleneck. Default 256. */
  bottleneckUnits?: number;
  /** Dense layers in the MLP, the bottleneck included. Default 3. */
  numLayers?: number;
  /** Freeze the last layer's weight-norm gain at 1. Default true. */
  normLastLayer?: boolean;
  /** Batch norm after each hidden dense layer. Default false. */
  batchNorm?: boolean;
  /** Name of the model and prefix of its layers' names. */
  name?: string;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

/**
 * The DINO projection head: (numLayers − 1) × [dense(hidden) → (BatchNorm) → GELU] →
 * dense(bottleneck) → L2Normalization → WeightNormDense(outputUnits, no bias), with the
 * defaults of `DINO_HEAD_DEFAULTS`.
 *
 * Shape: [B, inputUnits] to [B, outputUnits] (logits over prototypes, before the temperature).
 *
 * @example
 * const head = dinoHead({ inputUnits: 192, outputUnits: 1024, hiddenUnits: 512, bottleneckUnits: 64 });
 * const logits = head.predict(tf.randomNormal([4, 192])) as tf.Tensor; // [4, 1024]
 */
export function dinoHead(options: DinoHeadOptions): tf.Sequential {
  check(options !== undefined && options !== null, 'dinoHead', () => 'options { inputUnits } are required');
  const settings = { ...DINO_HEAD_DEFAULTS, ...withoutUndefined(options) };
  const inputUnits = positiveInteger(settings.inputUnits, 'dinoHead', 'inputUnits');
  const numLayers = positiveInteger(settings.numLayers, 'dinoHead', 'numLayers');
  const hiddenUnits = positiveInteger(settings.hiddenUnits, 'dinoHead', 'hiddenUnits');
  const bottleneckUnits = positiveInteger(settings.bottleneckUnits, 'dinoHead', 'bottleneckUnits');
  const outputUnits = positiveInteger(settings.outputUnits, 'dinoHead', 'outputUnits');
  const blocks: MlpBlock[] = [];
  for (let i = 0; i < numLayers - 1; i++) blocks.push({ units: hiddenUnits, batchNorm: settings.batchNorm, activation: 'gelu', useBias: true });
  blocks.push({ units: bottleneckUnits });
  const seeds = new WeightSeeds(options.seed);
  const named = (kind: string) => (options.name ? { name: `${options.name}_${kind}` } : {});
  const layers = [
    ...mlpHeadLayers({ inputUnits, blocks, name: options.name, seed: seeds.next() }, 'dinoHead'),
    new L2Normalization(named('l2_normalization')),
    new WeightNormDense({ units: outputUnits, freezeGain: settings.normLastLayer, seed: seeds.next(), ...named('last_layer') }),
  ];
  return tf.sequential({ layers, ...(options.name ? { name: options.name } : {}) });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
