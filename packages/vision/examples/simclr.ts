// SimCLR on MNIST: pretrain a ConvNet without labels on every core, then probe the frozen encoder.
// From packages/vision: node --import tsx/esm examples/simclr.ts [steps]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { AdamW, batchLoader, extractEmbeddings, initBackend, linearProbe, train, warmupCosineSchedule } from '@selfsup/core';
import { ParallelReplicas, progressBar } from '@selfsup/core/node';
import { type ImagesBatch, type LabelledImages, buildRecipe, imagesToTensor, selectImages } from '@selfsup/vision';
import { loadMnist } from '@selfsup/vision/node';

const steps = Number(process.argv[2] ?? 500);
const backend = await initBackend();
const [trainSet, testSet] = await Promise.all([loadMnist('train'), loadMnist('test')]);

// RECIPES.simclr (packages/vision/src/recipes/recipe-book.ts:73) builds the 'convnet' encoder
// (16-32-64 filters, [B, H, W, 1] -> [B, 64] pooled, weights drawn from the seed) and, for one-channel images, calls
//   simclr({ encoder, augment: digitView, temperature: 0.2 })
// the paper's projection head (2048 -> 128) and NT-Xent at 0.2 instead of 0.5 (better for batches of 256),
// with the digit views: crops and brightness/contrast jitter, no flips (a mirrored 2 is not a 2).
const { encoder, method, recipe } = buildRecipe({ method: 'simclr', imageShape: [28, 28, 1], totalSteps: steps, seed: 0 });
// One worker thread per core; each runs the networks on a slice of every batch, the loss sees the whole batch.
const replicas = await ParallelReplicas.forMethod(method);

console.log(`simclr: ${steps} steps of ${recipe.batchSize} images on ${backend.name}, ${replicas.workers} workers`);
await train({
  method,
  data: batchLoader<ImagesBatch>({
    size: trainSet.count,
    batchSize: recipe.batchSize,
    load: (indices) => ({ images: selectImages(trainSet, indices) }),
  }),
  optimizer: new AdamW({ learningRate: recipe.learningRate, weightDecay: recipe.weightDecay }),
  schedule: warmupCosineSchedule({ baseValue: recipe.learningRate, totalSteps: steps, warmupSteps: Math.ceil(steps / 20) }),
  steps,
  batchSize: recipe.batchSize,
  replicas,
  callbacks: [progressBar()],
});
await replicas.dispose();

// Linear probe of the frozen encoder: fitted on 5,000 labelled training digits, scored on the 10,000 test digits.
const embed = async (set: LabelledImages, count: number) => {
  const images = imagesToTensor(
    selectImages(
      set,
      Array.from({ length: count }, (_, i) => i),
    ),
  ); // [count, 28, 28, 1]
  const features = await extractEmbeddings(encoder, images); // { values, count, dimension: 64 }
  images.dispose();
  return features;
};
const probeTrain = 5000;
const probe = await linearProbe({
  trainFeatures: await embed(trainSet, probeTrain),
  trainLabels: trainSet.labels.subarray(0, probeTrain),
  testFeatures: await embed(testSet, testSet.count),
  testLabels: testSet.labels,
  numClasses: 10,
});
console.log(`linear probe accuracy on MNIST test: ${(100 * probe.accuracy).toFixed(2)}%`);
method.dispose();
encoder.dispose();
