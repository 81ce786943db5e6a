import { resolveKeyUnits } from './attention-parameters.js';
import { LAYER_NORM_DEFAULTS } from './layer-norm.js';
import { check, positiveInteger, rate } from './layer-tools.js';

/** Options shared by `TransformerEncoderBlock` and `TransformerDecoderBlock`. */
export interface TransformerBlockOptions {
  /** Attention heads. */
  numHeads: number;
  /** Model width: the last dimension of the input and of the output (residual stream). */
  units: number;
  /** Units per attention head. Default `units / numHeads` (must then divide). */
  keyUnits?: number;
  /** Hidden width of the MLP as a multiple of `units`. Default 4 (Vaswani et al. 2017, ViT, GPT). */
  mlpRatio?: number;
  /**
   * Dropout rate, in training only, on the attention weights and on each residual branch
   * (attention and MLP outputs) before it is added back. Default 0, as most self-supervised
   * pretraining recipes (MAE, DINO, data2vec) use none.
   */
  dropout?: number;
  /** Epsilon of the layer norms. Default 1e-5, PyTorch's nn.LayerNorm default. */
  layerNormEpsilon?: number;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

/** The options with defaults filled in and checked; errors name the layer and the option. */
export type ResolvedBlockOptions = Required<Omit<TransformerBlockOptions, 'seed'>> & { hiddenUnits: number; seed?: number };

/** Checks block options and fills in their defaults. */
export function resolveBlockOptions(className: string, options: TransformerBlockOptions | undefined): ResolvedBlockOptions {
  check(options !== undefined && options !== null, className, () => 'options { numHeads, units } are required');
  const keyUnits = resolveKeyUnits(className, options.numHeads, options.units, options.keyUnits);
  const mlpRatio = options.mlpRatio ?? 4;
  const hiddenUnits = Math.round(mlpRatio * options.units);
  check(mlpRatio > 0 && hiddenUnits > 0, className, () => `mlpRatio must be positive, got ${mlpRatio}`);
  const layerNormEpsilon = options.layerNormEpsilon ?? LAYER_NORM_DEFAULTS.epsilon;
  check(layerNormEpsilon > 0, className, () => `layerNormEpsilon must be positive, got ${layerNormEpsilon}`);
  return {
    numHeads: options.numHeads,
    units: positiveInteger(options.units, className, 'units'),
    keyUnits,
    mlpRatio,
    hiddenUnits,
    dropout: rate(options.dropout ?? 0, className, 'dropout'),
    layerNormEpsilon,
    seed: options.seed,
  };
}
