// DINO on MNIST: pretrain a ConvNet without labels, then probe the frozen encoder.
// From packages/vision: node --import tsx/esm examples/dino.ts [steps]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { AdamW, batchLoader, extractEmbeddings, initBackend, linearProbe, progressBar, train, warmupCosineSchedule } from '@selfsup/core';
import { type ImagesBatch, type LabelledImages, convNet, digitMultiCrop, dino, imagesToTensor, loadMnist, selectImages } from '@selfsup/vision';

const steps = Number(process.argv[2] ?? 500);
const batchSize = 256;
const backend = await initBackend();
const [trainSet, testSet] = await Promise.all([loadMnist('train'), loadMnist('test')]);

// The encoder being pretrained: [B, H, W, 1] -> [B, 128]; free sides, so that the 12x12 local crops fit.
const encoder = convNet({ inputShape: [null, null, 1] });
// DINO's defaults (temperatures: student 0.1, teacher 0.04 -> 0.07; centre EMA 0.9; teacher EMA 0.996 -> 1)
// with multi-crop for digits (2 global 28x28 views, 6 local 12x12 crops, no flips) and 1,024 prototypes
// instead of 65,536, which is sized for ImageNet.
const method = await dino({ encoder, augment: digitMultiCrop, totalSteps: steps, head: { outputUnits: 1024 } });

console.log(`dino: ${steps} steps of ${batchSize} images on ${backend.name}`);
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
