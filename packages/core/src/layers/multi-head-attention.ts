import * as tf from '../tf.js';
import { WeightSeeds } from './weight-seeds.js';
import { layerDropout, layerSeedOf } from './layer-dropout.js';
import { AttentionParameters, resolveKeyUnits } from './attention-parameters.js';
import {
  type AddWeight,
  check,
  checkShape,
  inputList,
  type Kwargs,
  type LayerArgs,
  rate,
  type Shape,
  shapeList,
  splitSequencesAndMask,
} from './layer-tools.js';

export interface MultiHeadAttentionOptions {
  /** Number of attention heads H. */
  numHeads: number;
  /** Model width: the output's last dimension. */
  units: number;
  /** Units per head for queries, keys and values. Default `units / numHeads` (must then divide). */
  keyUnits?: number;
  /** Dropout rate on the attention weights, in training only. Default 0. */
  dropout?: number;
  /** Biases in the four projections. Default true. */
  useBias?: boolean;
  /** Each query attends only to itself and earlier positions (self-attention only). Default false. */
  causal?: boolean;
  /** Seed of the initial weights (see `WeightSeeds`). Default: unseeded. */
  seed?: number;
}

export type MultiHeadAttentionArgs = MultiHeadAttentionOptions & LayerArgs;

const CLASS_NAME = 'SelfsupMultiHeadAttention';

/**
 * Multi-head scaled dot-product attention (Vaswani et al. 2017, "Attention Is All You
 * Need"): project queries, keys and values into H heads of `keyUnits`, softmax(q·kᵀ/√hd)·v
 * per head, concatenate, project to `units`.
 *
 * Inputs (a padding mask is recognised by its rank 2 and comes last):
 * - `x` [B, T, D]: self-attention;
 * - `[x, paddingMask]`: self-attention ignoring keys where paddingMask [B, T] is 0;
 * - `[query, memory]`: cross-attention of query [B, Tq, D] over memory [B, Tk, Dm];
 * - `[query, memory, memoryPaddingMask]`: cross-attention ignoring padded memory [B, Tk].
 *
 * Output: [B, Tq, units]. Weights: `{query,key,value,output}_{kernel,bias}`.
 *
 * @example
 * const x = tf.input({ shape: [10, 32] });
 * const mask = tf.input({ shape: [10] });
 * const y = new MultiHeadAttention({ numHeads: 4, units: 32 }).apply([x, mask]) as tf.SymbolicTensor;
 * const model = tf.model({ inputs: [x, mask], outputs: y }); // [B, 10, 32]
 */
export class MultiHeadAttention extends tf.layers.Layer {
  static className = CLASS_NAME;
  readonly numHeads: number;
  readonly units: number;
  readonly keyUnits: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly causal: boolean;
  readonly seed?: number;
  private attention: AttentionParameters | null = null;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    check(args !== undefined && args !== null, CLASS_NAME, () => 'options { numHeads, units } are required');
    this.keyUnits = resolveKeyUnits(CLASS_NAME, args.numHeads, args.units, args.keyUnits);
    this.numHeads = args.numHeads;
    this.units = args.units;
    this.dropout = rate(args.dropout ?? 0, CLASS_NAME, 'dropout');
    this.useBias = args.useBias ?? true;
    this.causal = args.causal ?? false;
    this.seed = args.seed;
  }

  override build(inputShape: Shape | Shape[]): void {
    const { query, memory } = this.splitShapes(inputShape);
    check(!this.causal || memory === query, CLASS_NAME, () => 'causal applies to self-attention only, but a memory input was given');
    const addWeight: AddWeight = (name, shape, initializer, trainable = true) =>
      this.addWeight(name, shape, 'float32', initializer, undefined, trainable);
    this.attention = new AttentionParameters(
      addWeight,
      '',
      {
        numHeads: this.numHeads,
        keyUnits: this.keyUnits,
        units: this.units,
        queryUnits: query[2] as number,
        memoryUnits: memory[2] as number,
        useBias: this.useBias,
      },
      new WeightSeeds(this.seed),
    );
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const attention = this.attention as AttentionParameters;
      const { sequences, mask } = splitSequencesAndMask(inputList(inputs), (t) => t.rank, CLASS_NAME, [1, 2]);
      const [query, memory = query] = sequences as tf.Tensor3D[];
      checkShape(query.shape, 3, attention.sizes.queryUnits, CLASS_NAME, 'query');
      checkShape(memory.shape, 3, attention.sizes.memoryUnits, CLASS_NAME, 'memory');
      check(memory.shape[0] === query.shape[0], CLASS_NAME, () => `query and memory batch sizes differ: [${query.shape}] vs [${memory.shape}]`);
      check(
        mask === null || (mask.shape[0] === memory.shape[0] && mask.shape[1] === memory.shape[1]),
        CLASS_NAME,
        () => `paddingMask must have shape [${memory.shape.slice(0, 2)}] ([batch, keys]), got [${mask?.shape}]`,
      );
      return attention.apply(query, memory, {
        causal: this.causal,
        keyPaddingMask: mask ?? undefined,
        drop: layerDropout(this.dropout, kwargs, layerSeedOf(this.seed, this.name)),
      });
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const { query } = this.splitShapes(inputShape);
    return [query[0], query[1], this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      units: this.units,
      keyUnits: this.keyUnits,
      dropout: this.dropout,
      useBias: this.useBias,
      causal: this.causal,
      ...WeightSeeds.config(this.seed),
    };
  }

  private splitShapes(inputShape: Shape | Shape[]): { query: Shape; memory: Shape } {
    const { sequences } = splitSequencesAndMask(shapeList(inputShape), (s) => s.length, CLASS_NAME, [1, 2]);
    const [query, memory = query] = sequences;
    checkShape(query, 3, null, CLASS_NAME, 'query');
    check(query[2] !== null && memory[2] !== null, CLASS_NAME, () => 'the last dimension of query and memory must be known');
    return { query, memory };
  }
}
tf.serialization.registerClass(MultiHeadAttention);
