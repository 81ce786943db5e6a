import * as tf from '@tensorflow/tfjs';
import { batchLoader, createRandom, extractEmbeddings, initBackend, linearProbe, progressBar, seededScope, shuffleInPlace, train } from '@selfsup/core';
import { colorization, convNet, loadEmoji, selectImages, splitLightnessAndColor } from '@selfsup/vision';

await initBackend();
const emoji = await loadEmoji();                            // 1,906 x 32 x 32 x 3, 9 categories

// A seeded split: 80% to pretrain on and fit the probe, 20% to test the probe.
const order = shuffleInPlace(Array.from({ length: emoji.count }, (_, i) => i), createRandom(0));
const testRows = order.slice(0, Math.round(0.2 * emoji.count));
const trainRows = order.slice(testRows.length);

const encoder = seededScope(0, () => convNet({ inputShape: [32, 32, 1] })); // sees lightness only
const method = colorization({ encoder, imageShape: [32, 32, 3] });          // predicts an 8x8 ab grid
await train({
  method,
  data: batchLoader({
    size: trainRows.length,
    batchSize: 64,
    load: (indices) => ({ images: selectImages(emoji, indices.map((i) => trainRows[i])) }),
    dispose: () => {},
  }),
  optimizer: tf.train.adam(1e-3),
  steps: 600,
  seed: 0,
  callbacks: [progressBar()],
});

// Linear probe on the frozen encoder, fed the L channel as in pretraining.
const lightness = (rows: number[]) =>
  tf.tensor4d(splitLightnessAndColor(selectImages(emoji, rows), 4).lightness.data, [rows.length, 32, 32, 1]);
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
