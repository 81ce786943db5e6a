// A denoising autoencoder on MNIST: pretrain a ConvNet without labels on every core, then probe the frozen encoder.
// From packages/vision: node --import tsx/esm examples/autoencoder.ts [steps]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { AdamW, batchLoader, extractEmbeddings, initBackend, linearProbe, train, warmupCosineSchedule } from '@selfsup/core';
import { ParallelReplicas, progressBar } from '@selfsup/core/node';
import { type ImagesBatch, type LabelledImages, buildRecipe, imagesToTensor, selectImages } from '@selfsup/vision';
import { loadMnist } from '@selfsup/vision/node';

const steps = Number(process.argv[2] ?? 500);
const backend = await initBackend();
const [trainSet, testSet] = await Promise.all([loadMnist('train'), loadMnist('test')]);

// RECIPES.autoencoder (packages/vision/src/recipes/recipe-book.ts:114) builds the 'convnet' encoder
// (16-32-64 filters, [B, H, W, 1] -> [B, 64] pooled, weights drawn from the seed) and, for one-channel images, calls
//   autoencoder({ encoder, imageShape: [28, 28, 1], ...DENOISING_AUTOENCODER })
// An MLP decoder (512 hidden) rebuilds the clean digit from the representation of a noisy one
// (Gaussian noise, std 0.3); mean squared error. Without `noise` it is a plain autoencoder.
const { encoder, method, recipe } = buildRecipe({ method: 'autoencoder', imageShape: [28, 28, 1], totalSteps: steps, seed: 0 });
// One worker thread per core; each runs the networks on a slice of every batch, the loss sees the whole batch.
const replicas = await ParallelReplicas.forMethod(method);

console.log(`autoencoder: ${steps} steps of ${recipe.batchSize} images on ${backend.name}, ${replicas.workers} workers`);
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
