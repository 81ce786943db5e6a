import * as tf from '../tf.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_BACKENDS, useBackend } from '../testing/index.js';
import { dinoHead } from './dino-head.js';
import { LearnedPositionalEmbedding } from './learned-positional-embedding.js';
import { mlpHead } from './mlp-head.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { byolPredictionHead, simclrProjectionHead, simsiamPredictionHead } from './projection-heads.js';
import { TransformerDecoderBlock } from './transformer-decoder-block.js';
import { TransformerEncoderBlock } from './transformer-encoder-block.js';
import { WeightNormDense } from './weight-norm-dense.js';
import { WeightSeeds } from './weight-seeds.js';

/** Every builder of the core that draws initial weights, at a small size, with its seed. */
const BUILDERS: Record<string, (seed: number) => tf.LayersModel> = {
  mlpHead: (seed) => mlpHead({ inputUnits: 6, blocks: [{ units: 5, batchNorm: true, activation: 'relu' }, { units: 4 }], seed }),
  simclrProjectionHead: (seed) => simclrProjectionHead({ inputUnits: 6, hiddenUnits: 5, seed }),
  byolPredictionHead: (seed) => byolPredictionHead({ inputUnits: 6, hiddenUnits: 5, seed }),
  simsiamPredictionHead: (seed) => simsiamPredictionHead({ inputUnits: 6, hiddenUnits: 5, seed }),
  dinoHead: (seed) => dinoHead({ inputUnits: 6, hiddenUnits: 5, bottleneckUnits: 3, outputUnits: 7, seed }),
  WeightNormDense: (seed) => tf.sequential({ layers: [new WeightNormDense({ inputShape: [6], units: 4, seed })] }),
  sequenceLayers: (seed) => {
    const seeds = new WeightSeeds(seed);
    const x = tf.input({ shape: [5, 8] });
    const memory = tf.input({ shape: [3, 8] });
    let y = new LearnedPositionalEmbedding({ maxLength: 5, units: 8, seed: seeds.next() }).apply(x) as tf.SymbolicTensor;
    y = new MultiHeadAttention({ numHeads: 2, units: 8, seed: seeds.next() }).apply(y) as tf.SymbolicTensor;
    y = new TransformerEncoderBlock({ numHeads: 2, units: 8, seed: seeds.next() }).apply(y) as tf.SymbolicTensor;
    y = new TransformerDecoderBlock({ numHeads: 2, units: 8, seed: seeds.next() }).apply([y, memory]) as tf.SymbolicTensor;
    return tf.model({ inputs: [x, memory], outputs: y });
  },
};

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe.each(TEST_BACKENDS)('WeightSeeds on %s', (backend) => {
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.keys(BUILDERS))('%s: the same seed gives the same weights, another seed others, and Math.random is never read', async (name) => {
    await useBackend(backend);
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random read while building a seeded model');
    });
    const before = tf.memory().numTensors;
    const [a, b, c] = [3, 3, 4].map((seed) => BUILDERS[name](seed));
    const [wa, wb, wc] = [a, b, c].map(weightsOf);
    expect(wa).toEqual(wb);
    const random = wa.map((values, i) => values.some((v, j) => v !== wc[i][j]));
    expect(random.some(Boolean)).toBe(true);
    // Weights of one model draw different seeds: no two random kernels of the same size are equal.
    const kernels = a
      .getWeights()
      .filter((w) => w.rank >= 2)
      .map((w) => w.dataSync().join());
    expect(new Set(kernels).size).toBe(kernels.length);
    for (const model of [a, b, c]) model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the seed in the layer config, so a clone from config draws the same weights', async () => {
    await useBackend(backend);
    const model = BUILDERS.sequenceLayers(9);
    const clone = (await tf.models.modelFromJSON({
      modelTopology: model.toJSON(undefined, false) as tf.io.ModelJSON['modelTopology'],
    })) as tf.LayersModel;
    expect(weightsOf(clone)).toEqual(weightsOf(model));
    model.dispose();
    clone.dispose();
  });
});

describe('WeightSeeds', () => {
  it('hands out a repeatable stream of distinct seeds, none without a seed', () => {
    const [a, b] = [new WeightSeeds(1), new WeightSeeds(1)];
    const stream = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(stream);
    expect(new Set(stream).size).toBe(5);
    expect(new WeightSeeds().next()).toBeUndefined();
    expect(WeightSeeds.config(undefined)).toEqual({});
    expect(WeightSeeds.config(2)).toEqual({ seed: 2 });
  });

  it('rejects a seed that is not a finite number', () => {
    expect(() => new WeightSeeds(Number.NaN)).toThrow(/WeightSeeds: seed/);
  });
});
