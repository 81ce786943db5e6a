import * as tf from '../tf.js';
import { AttentionParameters } from './attention-parameters.js';
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

export type TransformerDecoderBlockArgs = TransformerBlockOptions & LayerArgs;

const CLASS_NAME = 'SelfsupTransformerDecoderBlock';

interface DecoderParts {
  selfAttentionNorm: LayerNormParameters;
  selfAttention: AttentionParameters;
  crossAttentionNorm: LayerNormParameters;
  crossAttention: AttentionParameters;
  mlpNorm: LayerNormParameters;
  mlp: FeedForwardParameters;
}

/**
 * A pre-LN Transformer decoder block (Vaswani et al. 2017 with the pre-LN placement of
 * Xiong et al. 2020), as in T5/BART-style encoder-decoders and masked-autoencoder decoders
 * with cross-attention:
 *
 *   h = x + Dropout(CausalSelfAttention(LN(x)))
 *   g = h + Dropout(CrossAttention(LN(h), memory))
 *   y = g + Dropout(MLP(LN(g)))
 *
 * The self-attention is always causal. `memory` is used as given (in a pre-LN stack it is
 * the encoder's output after its final layer norm) and may have another width.
 *
 * Inputs: `[x, memory]` or `[x, memory, memoryPaddingMask]` with x [B, T, units],
 * memory [B, S, memoryUnits], memoryPaddingMask [B, S] (1 = keep, 0 = padding).
 * Output: [B, T, units].
 *
 * @example
 * const targets = tf.input({ shape: [12, 64] });
 * const memory = tf.input({ shape: [20, 64] });
 * const block = new TransformerDecoderBlock({ numHeads: 4, units: 64 });
 * const y = block.apply([targets, memory]) as tf.SymbolicTensor; // [null, 12, 64]
 */
export class TransformerDecoderBlock extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly options: ResolvedBlockOptions;
  private parts: DecoderParts | null = null;

  constructor(args: TransformerDecoderBlockArgs) {
    super(args);
    this.options = resolveBlockOptions(CLASS_NAME, args);
  }

  override build(inputShape: Shape | Shape[]): void {
    const { memory } = this.checkShapes(shapeList(inputShape));
    const { units, numHeads, keyUnits, hiddenUnits, layerNormEpsilon } = this.options;
    const seeds = new WeightSeeds(this.options.seed);
    const addWeight: AddWeight = (name, shape, initializer, trainable = true) =>
      this.addWeight(name, shape, 'float32', initializer, undefined, trainable);
    const attention = (prefix: string, memoryUnits: number) =>
      new AttentionParameters(addWeight, prefix, { numHeads, keyUnits, units, queryUnits: units, memoryUnits, useBias: true }, seeds);
    this.parts = {
      selfAttentionNorm: addLayerNormParameters(addWeight, 'self_attention_norm', units, layerNormEpsilon),
      selfAttention: attention('self_attention', units),
      crossAttentionNorm: addLayerNormParameters(addWeight, 'cross_attention_norm', units, layerNormEpsilon),
      crossAttention: attention('cross_attention', memory[2] as number),
      mlpNorm: addLayerNormParameters(addWeight, 'mlp_norm', units, layerNormEpsilon),
      mlp: new FeedForwardParameters(addWeight, 'mlp', units, hiddenUnits, seeds),
    };
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const list = inputList(inputs);
      const { mask } = this.checkShapes(list.map((t) => t.shape));
      const [x, memory] = list as tf.Tensor3D[];
      const memoryPaddingMask = mask ? list[2] : undefined;
      const parts = this.parts as DecoderParts;
      check(
        memory.shape[2] === parts.crossAttention.sizes.memoryUnits,
        CLASS_NAME,
        () => `memory must have last dimension ${parts.crossAttention.sizes.memoryUnits}, got [${memory.shape}]`,
      );
      // One dropout for the call, in site order (repeatable with a ForwardContext).
      const dropout = layerDropout(this.options.dropout, kwargs, layerSeedOf(this.options.seed, this.name));
      const selfInput = applyLayerNorm(x, parts.selfAttentionNorm) as tf.Tensor3D; // [B, T, units]
      const selfAttended = parts.selfAttention.apply(selfInput, selfInput, { causal: true, drop: dropout }); // [B, T, units]
      const h = tf.add(x, dropout(selfAttended)) as tf.Tensor3D; // [B, T, units]
      const crossInput = applyLayerNorm(h, parts.crossAttentionNorm) as tf.Tensor3D; // [B, T, units]
      const crossAttended = parts.crossAttention.apply(crossInput, memory, { keyPaddingMask: memoryPaddingMask, drop: dropout }); // [B, T, units]
      const g = tf.add(h, dropout(crossAttended)); // [B, T, units]
      return tf.add(g, dropout(parts.mlp.apply(applyLayerNorm(g, parts.mlpNorm)))); // [B, T, units]
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return this.checkShapes(shapeList(inputShape)).x;
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { numHeads, units, keyUnits, mlpRatio, dropout, layerNormEpsilon, seed } = this.options;
    return { ...super.getConfig(), numHeads, units, keyUnits, mlpRatio, dropout, layerNormEpsilon, ...WeightSeeds.config(seed) };
  }

  private checkShapes(shapes: Shape[]): { x: Shape; memory: Shape; mask: Shape | null } {
    const { sequences, mask } = splitSequencesAndMask(shapes, (s) => s.length, CLASS_NAME, [2]);
    const [x, memory] = sequences;
    checkShape(x, 3, this.options.units, CLASS_NAME, 'x');
    check(memory[2] !== null, CLASS_NAME, () => `the last dimension of memory must be known, got [${memory.map(String)}]`);
    check(sameDimension(x[0], memory[0]), CLASS_NAME, () => `x and memory batch sizes differ: [${x.map(String)}] vs [${memory.map(String)}]`);
    check(
      mask === null || (sameDimension(mask[0], memory[0]) && sameDimension(mask[1], memory[1])),
      CLASS_NAME,
      () => `memoryPaddingMask must have shape [batch, S] = [${memory.slice(0, 2).map(String)}], got [${mask?.map(String)}]`,
    );
    return { x, memory, mask };
  }
}
tf.serialization.registerClass(TransformerDecoderBlock);
