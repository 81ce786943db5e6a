import * as tf from '../tf.js';
import { AttentionParameters, type KeyValueCache } from './attention-parameters.js';
import { FeedForwardParameters } from './feed-forward-parameters.js';
import { addLayerNormParameters, applyLayerNorm, type LayerNormParameters } from './layer-norm.js';
import {
  type AddWeight,
  check,
  checkShape,
  inputList,
  type Kwargs,
  type LayerArgs,
  sameDimension,
  type Shape,
  shapeList,
  splitSequencesAndMask,
} from './layer-tools.js';
import { WeightSeeds } from './weight-seeds.js';
import { layerDropout, layerSeedOf } from './layer-dropout.js';
import { type ResolvedBlockOptions, resolveBlockOptions, type TransformerBlockOptions } from './transformer-block-options.js';

export interface TransformerEncoderBlockOptions extends TransformerBlockOptions {
  /** Each position attends only to itself and earlier ones (GPT-style decoder-only stacks). Default false. */
  causal?: boolean;
}

export type TransformerEncoderBlockArgs = TransformerEncoderBlockOptions & LayerArgs;

const CLASS_NAME = 'SelfsupTransformerEncoderBlock';

interface EncoderParts {
  attentionNorm: LayerNormParameters;
  attention: AttentionParameters;
  mlpNorm: LayerNormParameters;
  mlp: FeedForwardParameters;
}

/**
 * A pre-LN Transformer encoder block (Vaswani et al. 2017; layer norm before each
 * sub-layer as in Xiong et al. 2020, "On Layer Normalization in the Transformer
 * Architecture", used by GPT-2, ViT, MAE, DINO):
 *
 *   h = x + Dropout(SelfAttention(LN(x)));  y = h + Dropout(MLP(LN(h)))
 *
 * with MLP = dense(mlpRatio·units) → GELU → dense(units). A stack of pre-LN blocks is
 * usually followed by one final layer norm (`tf.layers.layerNormalization`).
 *
 * Inputs: `x` [B, T, units], or `[x, paddingMask]` with paddingMask [B, T] (1 = token,
 * 0 = padding: padded positions are ignored as keys). Output: [B, T, units].
 *
 * @example
 * const tokens = tf.input({ shape: [16, 64] });
 * const mask = tf.input({ shape: [16] });
 * const block = new TransformerEncoderBlock({ numHeads: 4, units: 64 });
 * const y = block.apply([tokens, mask]) as tf.SymbolicTensor; // [null, 16, 64]
 */
export class TransformerEncoderBlock extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly options: ResolvedBlockOptions;
  readonly causal: boolean;
  private parts: EncoderParts | null = null;

  constructor(args: TransformerEncoderBlockArgs) {
    super(args);
    this.options = resolveBlockOptions(CLASS_NAME, args);
    this.causal = args.causal ?? false;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.checkShapes(shapeList(inputShape));
    const { units, numHeads, keyUnits, hiddenUnits, layerNormEpsilon } = this.options;
    const seeds = new WeightSeeds(this.options.seed);
    const addWeight: AddWeight = (name, shape, initializer, trainable = true) =>
      this.addWeight(name, shape, 'float32', initializer, undefined, trainable);
    this.parts = {
      attentionNorm: addLayerNormParameters(addWeight, 'attention_norm', units, layerNormEpsilon),
      attention: new AttentionParameters(
        addWeight,
        'attention',
        {
          numHeads,
          keyUnits,
          units,
          queryUnits: units,
          memoryUnits: units,
          useBias: true,
        },
        seeds,
      ),
      mlpNorm: addLayerNormParameters(addWeight, 'mlp_norm', units, layerNormEpsilon),
      mlp: new FeedForwardParameters(addWeight, 'mlp', units, hiddenUnits, seeds),
    };
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const list = inputList(inputs);
      const { mask } = this.checkShapes(list.map((t) => t.shape));
      const tokens = list[0] as tf.Tensor3D;
      const paddingMask = mask ? list[1] : undefined;
      const { attentionNorm, attention, mlpNorm, mlp } = this.parts as EncoderParts;
      // One dropout for the call: attention weights, then the two residual branches (repeatable with a ForwardContext).
      const dropout = layerDropout(this.options.dropout, kwargs, layerSeedOf(this.options.seed, this.name));
      const normalized = applyLayerNorm(tokens, attentionNorm) as tf.Tensor3D; // [B, T, units]
      const attended = attention.apply(normalized, normalized, { causal: this.causal, keyPaddingMask: paddingMask, drop: dropout }); // [B, T, units]
      const h = tf.add(tokens, dropout(attended)); // [B, T, units]
      return tf.add(h, dropout(mlp.apply(applyLayerNorm(h, mlpNorm)))); // [B, T, units]
    });
  }

  /**
   * The block on new positions `x` [B, t, units] that follow the positions whose keys and
   * values are in `cache` (inference: no dropout, no padding mask). Returns the output
   * [B, t, units] and the grown cache, which the caller owns (dispose the one passed in).
   * Generation with a cache costs one position per token instead of the whole prefix; the
   * outputs equal `apply` on the whole sequence (a test checks it).
   *
   * @example
   * const first = block.extend(prompt);                // prompt [1, 5, units]
   * const next = block.extend(newToken, first.cache);  // newToken [1, 1, units]
   */
  extend(x: tf.Tensor3D, cache?: KeyValueCache): { output: tf.Tensor3D; cache: KeyValueCache } {
    check(this.parts !== null, CLASS_NAME, () => `extend needs a built layer (apply it once, or load its weights), '${this.name}' is not built`);
    checkShape(x.shape, 3, this.options.units, CLASS_NAME, 'x');
    const { attentionNorm, attention, mlpNorm, mlp } = this.parts as EncoderParts;
    const normalized = applyLayerNorm(x, attentionNorm) as tf.Tensor3D; // [B, t, units]
    const step = attention.applyCached(normalized, cache, { causal: this.causal });
    const output = tf.tidy(() => {
      const h = tf.add(x, step.output); // [B, t, units]
      return tf.add(h, mlp.apply(applyLayerNorm(h, mlpNorm))) as tf.Tensor3D; // [B, t, units]
    });
    tf.dispose([normalized, step.output]);
    return { output, cache: step.cache };
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return this.checkShapes(shapeList(inputShape)).x;
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { numHeads, units, keyUnits, mlpRatio, dropout, layerNormEpsilon, seed } = this.options;
    return { ...super.getConfig(), numHeads, units, keyUnits, mlpRatio, dropout, layerNormEpsilon, causal: this.causal, ...WeightSeeds.config(seed) };
  }

  private checkShapes(shapes: Shape[]): { x: Shape; mask: Shape | null } {
    const { sequences, mask } = splitSequencesAndMask(shapes, (s) => s.length, CLASS_NAME, [1]);
    const [x] = sequences;
    checkShape(x, 3, this.options.units, CLASS_NAME, 'x');
    check(
      mask === null || (sameDimension(mask[0], x[0]) && sameDimension(mask[1], x[1])),
      CLASS_NAME,
      () => `paddingMask must have shape [batch, T] = [${x.slice(0, 2).map(String)}], got [${mask?.map(String)}]`,
    );
    return { x, mask };
  }
}
tf.serialization.registerClass(TransformerEncoderBlock);
