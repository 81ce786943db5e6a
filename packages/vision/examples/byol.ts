// BYOL on MNIST: pretrain a ConvNet without labels, then probe the frozen encoder.
// From packages/vision: node --import tsx/esm examples/byol.ts [steps]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { AdamW, batchLoader, extractEmbeddings, initBackend, linearProbe, progressBar, train, warmupCosineSchedule } from '@selfsup/core';
import { type ImagesBatch, type LabelledImages, byol, convNet, digitView, imagesToTensor, loadMnist, selectImages } from '@selfsup/vision';

const steps = Number(process.argv[2] ?? 500);
const batchSize = 256;
const backend = await initBackend();
const [trainSet, testSet] = await Promise.all([loadMnist('train'), loadMnist('test')]);

// The encoder being pretrained: [B, 28, 28, 1] -> [B, 128].
const encoder = convNet({ inputShape: [28, 28, 1] });
// BYOL's defaults (projector and predictor 4096 -> 256, target momentum 0.996 -> 1 over the run).
// Its own views (byolFirstView, byolSecondView) flip, blur and solarize photos; digits get digitView twice.
const method = await byol({ encoder, augment: [digitView, digitView], totalSteps: steps });

console.log(`byol: ${steps} steps of ${batchSize} images on ${backend.name}`);
await train({
  method,
  data: batchLoader<ImagesBatch>({ size: trainSet.count, batchSize, load: (indices) => ({ images: selectImages(trainSet, indices) }) }),
  optimizer: new AdamW({ learningRate: 1e-3, weightDecay: 1e-4 }),
  schedule: warmupCosineSchedule({ baseValue: 1e-3, totalSteps: steps, warmupSteps: Math.ceil(steps / 20) }),
  steps,
  batchSize,
  callbacks: [progressBar()],
});

// Linear probe of the frozen encoder: fitted on 5,000 labelled training digits, scored on the 10,000 test digits.
const embed = async (set: LabelledImages, count: number) => {
  const images = imagesToTensor(selectImages(set, Array.from({ length: count }, (_, i) => i))); // [count, 28, 28, 1]
  const features = await extractEmbeddings(method.encoder, images); // { values, count, dimension: 128 }
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
