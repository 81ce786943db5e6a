import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, maxAbsoluteError, randomNormalArray, useBackend } from '../testing/index.js';
import { batchNorm } from './batch-norm.js';
import { dinoHead } from './dino-head.js';
import { Gelu } from './gelu.js';
import { LearnedPositionalEmbedding } from './learned-positional-embedding.js';
import { mlpHead } from './mlp-head.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { registerSelfsupLayers, SELFSUP_LAYER_CLASSES } from './register-layers.js';
import { SinusoidalPositionalEmbedding } from './sinusoidal-positional-embedding.js';
import { TransformerDecoderBlock } from './transformer-decoder-block.js';
import { TransformerEncoderBlock } from './transformer-encoder-block.js';

/** Saves a model in the tfjs layers format (through JSON, as a file would) and loads it back. */
async function roundTrip(model: tf.LayersModel): Promise<{ loaded: tf.LayersModel; topology: string }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts;
  const topology = JSON.stringify(artifacts.modelTopology);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...artifacts, modelTopology: JSON.parse(topology) }));
  return { loaded, topology };
}

const random = (shape: number[], seed: number) =>
  tf.tensor(
    randomNormalArray(
      shape.reduce((a, b) => a * b, 1),
      { seed },
    ),
    shape,
  );

interface Case {
  name: string;
  classes: string[];
  build: () => { model: tf.LayersModel; inputs: tf.Tensor[] };
}

const CASES: Case[] = [
  {
    name: 'Gelu and BatchNorm in a Sequential, after moving statistics were updated',
    classes: ['SelfsupGelu', 'SelfsupBatchNorm'],
    build: () => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [5], units: 6 }),
          batchNorm({ momentum: 0.3 }),
          new Gelu({ approximate: 'tanh' }),
          tf.layers.dense({ units: 2 }),
        ],
      });
      const x = random([8, 5], 1);
      model.apply(x, { training: true });
      return { model, inputs: [x] };
    },
  },
  {
    name: 'MultiHeadAttention with a padding mask input, and cross-attention',
    classes: ['SelfsupMultiHeadAttention'],
    build: () => {
      const [x, memory, mask] = [tf.input({ shape: [4, 6] }), tf.input({ shape: [3, 5] }), tf.input({ shape: [3] })];
      const self = new MultiHeadAttention({ numHeads: 2, units: 6, causal: true }).apply(x) as tf.SymbolicTensor;
      const cross = new MultiHeadAttention({ numHeads: 3, units: 6, keyUnits: 2 }).apply([self, memory, mask]) as tf.SymbolicTensor;
      const model = tf.model({ inputs: [x, memory, mask], outputs: cross });
      return {
        model,
        inputs: [
          random([2, 4, 6], 2),
          random([2, 3, 5], 3),
          tf.tensor2d([
            [1, 1, 0],
            [1, 1, 1],
          ]),
        ],
      };
    },
  },
  {
    name: 'positional embeddings and encoder and decoder blocks',
    classes: [
      'SelfsupLearnedPositionalEmbedding',
      'SelfsupSinusoidalPositionalEmbedding',
      'SelfsupTransformerEncoderBlock',
      'SelfsupTransformerDecoderBlock',
    ],
    build: () => {
      const [source, mask, target] = [tf.input({ shape: [5, 8] }), tf.input({ shape: [5] }), tf.input({ shape: [3, 8] })];
      const positioned = new LearnedPositionalEmbedding({ maxLength: 6, units: 8 }).apply(source) as tf.SymbolicTensor;
      const encoded = new TransformerEncoderBlock({ numHeads: 2, units: 8, mlpRatio: 2 }).apply([positioned, mask]) as tf.SymbolicTensor;
      const targets = new SinusoidalPositionalEmbedding({ maxWavelength: 100 }).apply(target) as tf.SymbolicTensor;
      const decoded = new TransformerDecoderBlock({ numHeads: 4, units: 8, layerNormEpsilon: 1e-6 }).apply([
        targets,
        encoded,
        mask,
      ]) as tf.SymbolicTensor;
      const model = tf.model({ inputs: [source, mask, target], outputs: decoded });
      return {
        model,
        inputs: [
          random([2, 5, 8], 4),
          tf.tensor2d([
            [1, 1, 1, 0, 0],
            [1, 1, 1, 1, 1],
          ]),
          random([2, 3, 8], 5),
        ],
      };
    },
  },
  {
    name: 'a DINO head (L2Normalization, WeightNormDense) and an MLP head',
    classes: ['SelfsupL2Normalization', 'SelfsupWeightNormDense', 'SelfsupBatchNorm'],
    build: () => {
      const x = tf.input({ shape: [6] });
      const dino = dinoHead({ inputUnits: 6, hiddenUnits: 8, bottleneckUnits: 4, outputUnits: 7, normLastLayer: false });
      const projector = mlpHead({ inputUnits: 7, blocks: [{ units: 5, batchNorm: true, activation: 'relu' }, { units: 3 }] });
      const model = tf.model({ inputs: x, outputs: projector.apply(dino.apply(x)) as tf.SymbolicTensor });
      return { model, inputs: [random([3, 6], 6)] };
    },
  },
];

describe.each(TEST_BACKENDS)('saving and loading on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('$name', async ({ build, classes }) => {
    const { model, inputs } = build();
    const before = model.predict(inputs) as tf.Tensor;
    const { loaded, topology } = await roundTrip(model);
    for (const className of classes) expect(topology).toContain(`"class_name":"${className}"`);
    const after = loaded.predict(inputs) as tf.Tensor;
    expect(after.shape).toEqual(before.shape);
    expect(maxAbsoluteError(after.dataSync(), before.dataSync())).toBeLessThan(1e-6);
    expect(loaded.getWeights().length).toBe(model.getWeights().length);
    tf.dispose([before, after, ...inputs]);
  });

  it('a loaded layer keeps its options', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [3], units: 4 }), batchNorm({ momentum: 0.05, epsilon: 1e-3, center: false })],
    });
    const { loaded } = await roundTrip(model);
    expect(loaded.layers[1].getConfig()).toMatchObject({ momentum: 0.05, epsilon: 1e-3, center: false, scale: true });
  });

  it('registerSelfsupLayers registers every class (idempotently)', () => {
    registerSelfsupLayers();
    registerSelfsupLayers();
    const registry = tf.serialization.SerializationMap.getMap().classNameMap;
    for (const layerClass of SELFSUP_LAYER_CLASSES) expect(registry[layerClass.className]?.[0]).toBe(layerClass);
  });
});
