// Colorization on emoji: pretrain a ConvNet on lightness without labels on every core, then probe the frozen encoder.
// From packages/vision: node --import tsx/esm examples/colorization.ts [steps]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import * as tf from '@selfsup/core/tf';
import {
  AdamW,
  batchLoader,
  createRandom,
  extractEmbeddings,
  initBackend,
  linearProbe,
  shuffleInPlace,
  train,
  warmupCosineSchedule,
} from '@selfsup/core';
import { ParallelReplicas, progressBar } from '@selfsup/core/node';
import { type ImagesBatch, buildRecipe, selectImages, splitLightnessAndColor } from '@selfsup/vision';
import { loadEmoji } from '@selfsup/vision/node';

const steps = Number(process.argv[2] ?? 600);
const backend = await initBackend();
const emoji = await loadEmoji(); // 1,906 x 32 x 32 x 3, 9 categories

// A seeded split: 80% to pretrain on and fit the probe, 20% to test the probe.
const order = shuffleInPlace(
  Array.from({ length: emoji.count }, (_, i) => i),
  createRandom(0),
);
const testRows = order.slice(0, Math.round(0.2 * emoji.count));
const trainRows = order.slice(testRows.length);

// RECIPES.colorization (packages/vision/src/recipes/recipe-book.ts:119) builds the 'convnet' encoder on the
// lightness channel (16-32-64 filters, [B, 32, 32, 1] -> [B, 64] pooled, weights drawn from the seed) and calls
//   colorization({ encoder, imageShape: [32, 32, 3] })
// an MLP decoder (512 hidden) predicts the colour (Lab's a and b) on an 8x8 grid; batches of 64 for 1,525 images.
const { encoder, method, recipe } = buildRecipe({ method: 'colorization', imageShape: [32, 32, 3], totalSteps: steps, seed: 0 });
// One worker thread per core; each runs the networks on a slice of every batch.
const replicas = await ParallelReplicas.forMethod(method);

console.log(`colorization: ${steps} steps of ${recipe.batchSize} images on ${backend.name}, ${replicas.workers} workers`);
await train({
  method,
  data: batchLoader<ImagesBatch>({
    size: trainRows.length,
    batchSize: recipe.batchSize,
    load: (indices) => ({
      images: selectImages(
        emoji,
        indices.map((i) => trainRows[i]),
      ),
    }),
  }),
  optimizer: new AdamW({ learningRate: recipe.learningRate, weightDecay: recipe.weightDecay }),
  schedule: warmupCosineSchedule({ baseValue: recipe.learningRate, totalSteps: steps, warmupSteps: Math.ceil(steps / 20) }),
  steps,
  batchSize: recipe.batchSize,
  replicas,
  callbacks: [progressBar()],
});
await replicas.dispose();

// Linear probe on the frozen encoder, fed the L channel as in pretraining.
const lightness = (rows: number[]) => tf.tensor4d(splitLightnessAndColor(selectImages(emoji, rows), 4).lightness.data, [rows.length, 32, 32, 1]);
const [trainImages, testImages] = [lightness(trainRows), lightness(testRows)];
const probe = await linearProbe({
  trainFeatures: await extractEmbeddings(encoder, trainImages),
  trainLabels: Int32Array.from(trainRows, (i) => emoji.labels[i]),
  testFeatures: await extractEmbeddings(encoder, testImages),
  testLabels: Int32Array.from(testRows, (i) => emoji.labels[i]),
  numClasses: emoji.classes.length,
});
console.log(`linear probe on emoji categories: ${(100 * probe.accuracy).toFixed(1)}%`);
tf.dispose([trainImages, testImages]);
method.dispose();
encoder.dispose();
