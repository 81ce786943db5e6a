// The core demo (the README's main job until the `selfsup` command exists): pick a
// backend, then train two small models through the core's trainer, printing the loss as
// it falls. Run: pnpm demo   (SELFSUP_BACKEND=cpu|wasm to force a backend)
import { readFileSync } from 'node:fs';
import * as tf from '../src/tf.js';
import { AdamW, LearnedPositionalEmbedding, TransformerEncoderBlock, batchLoader, batchNorm, initBackend, maskedCrossEntropy, ntXent, type SeededRandom, WeightSeeds, createRandom, train, warmupCosineSchedule } from '../src/index.js';
import { progressBar } from '../src/node.js';

const SEED = 0;
const STEPS = Number(process.env.SELFSUP_DEMO_STEPS ?? 200);

const backend = await initBackend();
console.log(`backend: ${backend.name} (${backend.source})`);
if (backend.skipped.length > 0) console.log(`  passed over: ${backend.skipped.map((s) => `${s.source} (${s.reason})`).join('; ')}`);

// 1. A conv net learns, without labels, to tell which two noisy, shifted views come
//    from the same synthetic image (SimCLR's objective, NT-Xent).
const IMAGE = 16;
const IMAGES = 512;
function syntheticImages(): Float32Array {
  // Each image: a bright rectangle and a dark disc at seeded positions and sizes.
  const pixels = new Float32Array(IMAGES * IMAGE * IMAGE);
  const random = createRandom(SEED);
  const uniform = (scale: number) => random.next() * scale;
  for (let n = 0; n < IMAGES; n++) {
    const [x0, y0, w, h] = [uniform(10), uniform(10), 3 + uniform(5), 3 + uniform(5)];
    const [cx, cy, r] = [uniform(16), uniform(16), 2 + uniform(3)];
    for (let y = 0; y < IMAGE; y++) {
      for (let x = 0; x < IMAGE; x++) {
        const inRectangle = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h ? 1 : 0;
        const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < r * r ? 1 : 0;
        pixels[(n * IMAGE + y) * IMAGE + x] = inRectangle - 0.5 * inDisc;
      }
    }
  }
  return pixels;
}
const images = syntheticImages();
const seeds = new WeightSeeds(SEED); // every layer's initial weights from one seed
const encoder = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [IMAGE, IMAGE, 1], filters: 16, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: seeds.glorotUniform() }),
    batchNorm(),
    tf.layers.reLU(),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: seeds.glorotUniform() }),
    batchNorm(),
    tf.layers.reLU(),
    tf.layers.globalAveragePooling2d({}),
    tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: seeds.glorotUniform() }),
    tf.layers.dense({ units: 16, kernelInitializer: seeds.glorotUniform() }),
  ],
});
// A view: a random shift of up to 2 pixels plus Gaussian noise, drawn from the step's random.
const view = (x: tf.Tensor4D, random: SeededRandom) => {
  const shift = () => random.integer(5) - 2;
  const shifted = tf.slice(tf.pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]]), [0, 2 + shift(), 2 + shift(), 0], [-1, IMAGE, IMAGE, 1]);
  return tf.add(shifted, tf.tensor(Float32Array.from({ length: x.size }, () => 0.2 * random.normal()), x.shape)) as tf.Tensor4D;
};
console.log('\n1) conv net + batch norm, NT-Xent on two views of 512 synthetic images (batch 64)');
const contrastive = await train({
  method: {
    name: 'simclr-demo',
    trainableVariables: () => encoder.trainableWeights.map((w) => w.read() as tf.Variable),
    prepare: (batch: tf.Tensor4D, { random }) => [view(batch, random), view(batch, random)],
    forward: (views) => views.map((v) => encoder.apply(v, { training: true }) as tf.Tensor2D),
    loss: ([z1, z2]) => {
      const loss = ntXent(z1 as tf.Tensor2D, z2 as tf.Tensor2D);
      return { loss, terms: { ntXent: loss } };
    },
  },
  data: batchLoader({
    size: IMAGES,
    batchSize: 64,
    load: (indices) =>
      tf.tensor4d(
        indices.flatMap((i) => Array.from(images.subarray(i * IMAGE * IMAGE, (i + 1) * IMAGE * IMAGE))),
        [indices.length, IMAGE, IMAGE, 1],
      ),
  }),
  optimizer: new AdamW({ learningRate: 3e-3, weightDecay: 1e-4 }),
  schedule: warmupCosineSchedule({ baseValue: 3e-3, totalSteps: STEPS, warmupSteps: Math.ceil(STEPS / 10) }),
  steps: STEPS,
  seed: SEED,
  batchSize: 64,
  callbacks: [progressBar({ every: 10 })],
});
report(contrastive.losses, Math.log(2 * 64 - 1));

// 2. A causal Transformer block learns a character-level language model of this
//    repository's README (the next character from the previous 32).
const text = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const alphabet = [...new Set(text)].sort();
const ids = Array.from(text, (c) => alphabet.indexOf(c));
const CONTEXT = 32;
const windows = ids.length - CONTEXT - 1;
const languageModel = tf.sequential({
  layers: [
    tf.layers.embedding({ inputDim: alphabet.length, outputDim: 64, inputLength: CONTEXT, embeddingsInitializer: seeds.uniform(0.05) }),
    new LearnedPositionalEmbedding({ maxLength: CONTEXT, units: 64, seed: seeds.next() }),
    new TransformerEncoderBlock({ units: 64, numHeads: 4, causal: true, seed: seeds.next() }),
    new TransformerEncoderBlock({ units: 64, numHeads: 4, causal: true, seed: seeds.next() }),
    tf.layers.dense({ units: alphabet.length, kernelInitializer: seeds.glorotUniform() }),
  ],
});
console.log(`\n2) 2 causal Transformer blocks, next-character prediction on README.md (${text.length} characters, ${alphabet.length} symbols)`);
const lm = await train({
  method: {
    name: 'char-lm-demo',
    trainableVariables: () => languageModel.trainableWeights.map((w) => w.read() as tf.Variable),
    prepare: ({ inputs, targets }: { inputs: tf.Tensor2D; targets: tf.Tensor2D }) => [inputs, targets],
    forward: ([inputs]) => [languageModel.apply(inputs, { training: true }) as tf.Tensor3D],
    loss: ([logits], [, targets]) => {
      const loss = maskedCrossEntropy(logits as tf.Tensor3D, targets as tf.Tensor2D);
      return { loss, terms: { crossEntropy: loss } };
    },
  },
  data: batchLoader({
    size: windows,
    batchSize: 32,
    load: (starts) => ({
      inputs: tf.tensor2d(starts.flatMap((s) => ids.slice(s, s + CONTEXT)), [starts.length, CONTEXT], 'int32'),
      targets: tf.tensor2d(starts.flatMap((s) => ids.slice(s + 1, s + CONTEXT + 1)), [starts.length, CONTEXT], 'int32'),
    }),
  }),
  optimizer: new AdamW({ learningRate: 3e-3 }),
  schedule: warmupCosineSchedule({ baseValue: 3e-3, totalSteps: STEPS, warmupSteps: Math.ceil(STEPS / 10) }),
  steps: STEPS,
  seed: SEED,
  batchSize: 32 * CONTEXT,
  callbacks: [progressBar({ every: 10 })],
});
report(lm.losses, Math.log(alphabet.length));

function report(losses: number[], chance: number): void {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const first = mean(losses.slice(0, 5));
  const last = mean(losses.slice(-5));
  console.log(`   loss ${first.toFixed(3)} -> ${last.toFixed(3)} (chance level ${chance.toFixed(3)}); ${last < first ? 'it learned' : 'it did NOT learn'}`);
}
