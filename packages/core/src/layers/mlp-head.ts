import * as tf from '../tf.js';
import { BatchNorm } from './batch-norm.js';
import { Gelu } from './gelu.js';
import { check, positiveInteger } from './layer-tools.js';
import { WeightSeeds } from './weight-seeds.js';

/** The activation after a block of an MLP head. */
export type MlpActivation = 'relu' | 'gelu' | 'linear';

/** One block of an MLP head: dense(units) → [BatchNorm] → [activation]. */
export interface MlpBlock {
  /** Output units of the dense layer. */
  units: number;
  /** Batch norm after the dense layer (selfsup's `BatchNorm`, PyTorch defaults). Default false. */
  batchNorm?: boolean;
  /** Activation after the (normalised) dense output. Default `'linear'` (none). */
  activation?: MlpActivation;
  /** Bias in the dense layer. Default `!batchNorm`: a bias before batch norm is cancelled by it. */
  useBias?: boolean;
}

export interface MlpHeadOptions {
  /** Width of the input features. Shape of the input: [B, inputUnits]. */
  inputUnits: number;
  /** The blocks, first to last. */
  blocks: MlpBlock[];
  /** Name of the model; its layers are named `${name}_dense_1`, `${name}_batch_norm_1`, ... */
  name?: string;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

const ACTIVATIONS: MlpActivation[] = ['relu', 'gelu', 'linear'];

/**
 * The layers of an MLP head, for models that append more layers (see `dinoHead`).
 * Options and errors as `mlpHead`.
 *
 * @example
 * const layers = mlpHeadLayers({ inputUnits: 32, blocks: [{ units: 16, activation: 'gelu' }] });
 */
export function mlpHeadLayers(options: MlpHeadOptions, caller = 'mlpHead'): tf.layers.Layer[] {
  positiveInteger(options?.inputUnits, caller, 'inputUnits');
  check(
    Array.isArray(options.blocks) && options.blocks.length > 0,
    caller,
    () => 'blocks must be a non-empty array of { units, batchNorm?, activation?, useBias? }',
  );
  const named = (kind: string, index: number) => (options.name ? { name: `${options.name}_${kind}_${index + 1}` } : {});
  const seeds = new WeightSeeds(options.seed);
  const layers: tf.layers.Layer[] = [];
  options.blocks.forEach((block, index) => {
    const units = positiveInteger(block.units, caller, `blocks[${index}].units`);
    const activation = block.activation ?? 'linear';
    check(
      ACTIVATIONS.includes(activation),
      caller,
      () => `blocks[${index}].activation must be one of ${ACTIVATIONS.join(', ')}, got ${String(activation)}`,
    );
    const batchNorm = block.batchNorm ?? false;
    const first = index === 0 ? { inputShape: [options.inputUnits] } : {};
    layers.push(
      tf.layers.dense({ units, useBias: block.useBias ?? !batchNorm, kernelInitializer: seeds.glorotUniform(), ...first, ...named('dense', index) }),
    );
    if (batchNorm) layers.push(new BatchNorm(named('batch_norm', index)));
    if (activation === 'relu') layers.push(tf.layers.reLU(named('relu', index)));
    if (activation === 'gelu') layers.push(new Gelu(named('gelu', index)));
  });
  return layers;
}

/**
 * An MLP head from a list of blocks, each dense(units) → [BatchNorm] → [activation], as the
 * projection and prediction heads of SimCLR, BYOL, SimSiam and DINO. The presets
 * (`simclrProjectionHead`, `byolPredictionHead`, `simsiamPredictionHead`, `dinoHead`) are
 * built from it with their papers' sizes.
 *
 * Shape: [B, inputUnits] to [B, last block's units].
 *
 * @example
 * const projector = mlpHead({
 *   inputUnits: 512,
 *   blocks: [
 *     { units: 2048, batchNorm: true, activation: 'relu' },
 *     { units: 128 },
 *   ],
 *   seed: 0,
 * });
 * const z = projector.predict(tf.randomNormal([4, 512])) as tf.Tensor; // [4, 128]
 */
export function mlpHead(options: MlpHeadOptions): tf.Sequential {
  const layers = mlpHeadLayers(options);
  return tf.sequential({ layers, ...(options.name ? { name: options.name } : {}) });
}
