import * as tf from '@tensorflow/tfjs';
import { batchLoader, extractEmbeddings, initBackend, linearProbe, progressBar, train } from '@selfsup/core';
import { convNet, imagesToTensor, jigsaw, type LabelledImages, loadMnist, selectImages } from '@selfsup/vision';

await initBackend();
const trainSet = await loadMnist('train', { limit: 10_000 });
const testSet = await loadMnist('test', { limit: 2_000 });

// Tiles are 7x7 in training and images 28x28 at probe time: the encoder takes any size.
const encoder = convNet({ inputShape: [null, null, 1] });
const method = jigsaw({ encoder }); // 100 permutations, 7-pixel tiles in 9-pixel cells
await train({
  method,
  data: batchLoader({
    size: trainSet.count,
    batchSize: 128,
    load: (indices) => ({ images: selectImages(trainSet, indices) }),
    dispose: () => {},
  }),
  optimizer: tf.train.adam(1e-3),
  steps: 500,
  seed: 0,
  callbacks: [progressBar()],
});

// Frozen features of whole digits, then a logistic regression on them.
async function embed(set: LabelledImages) {
  const images = imagesToTensor(selectImages(set, Array.from({ length: set.count }, (_, i) => i)));
  const features = await extractEmbeddings(method.encoder, images);
  images.dispose();
  return features;
}
const probe = await linearProbe({
  trainFeatures: await embed(trainSet),
  trainLabels: trainSet.labels,
  testFeatures: await embed(testSet),
  testLabels: testSet.labels,
  numClasses: 10,
  seed: 0,
});
console.log(`jigsaw linear probe: ${(100 * probe.accuracy).toFixed(1)}% (weight decay ${probe.weightDecay})`);
method.dispose();
