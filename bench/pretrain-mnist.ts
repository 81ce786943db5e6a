// On-demand benchmark (not run in CI): pretrain a vision method of the recipe book on MNIST
// train without labels for a fixed time budget, then probe the frozen encoder on MNIST test
// against the same probes on (a) raw pixels and (b) the same encoder at random initialisation.
//
//   pnpm --filter @selfsup/bench pretrain-mnist --method simclr --minutes 5 [--workers N] [--probe-train 60000] [--no-write]
//
// The method, its heads, views and optimizer settings come from the recipe book of
// @selfsup/vision (the ones `selfsup pretrain` uses), on the 'convnet' backbone (16-32-64
// filters). --workers 1 trains on the main thread; more run each step on worker threads.
// Appends a row to docs/benchmarks.md (section "Pretraining on MNIST").
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@selfsup/core/tf';
import {
  AdamW,
  KNN_LIGHTLY,
  stratifiedSample,
  LINEAR_PROBE_DEFAULTS,
  batchLoader,
  collapseReport,
  extractEmbeddings,
  initBackend,
  knnEvaluate,
  linearProbe,
  train,
  warmupCosineSchedule,
} from '@selfsup/core';
import { ParallelReplicas } from '@selfsup/core/node';
import { type ImagesBatch, type RecipeOptions, type VisionMethod, buildRecipe, encoderFor, recipeFor, selectImages } from '@selfsup/vision';
import { loadMnist } from '@selfsup/vision/node';

const { values: args } = parseArgs({
  options: {
    method: { type: 'string', default: 'simclr' },
    minutes: { type: 'string', default: '5' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'batch-size': { type: 'string' },
    'probe-train': { type: 'string', default: '60000' },
    seed: { type: 'string', default: '0' },
    'no-write': { type: 'boolean', default: false },
    // The probe of the flattened conv feature map (3,136-d) takes minutes per encoder with --probe-train 10000.
    'no-map': { type: 'boolean', default: false },
  },
});
const recipe = recipeFor(args.method!); // throws with the list of recipe names
const minutes = Number(args.minutes);
const batchSize = Number(args['batch-size'] ?? recipe.batchSize);
const seed = Number(args.seed);
const workers = Math.min(Number(args.workers), batchSize);
if (!Number.isInteger(workers) || workers < 1) throw new Error(`pretrain-mnist: --workers must be a positive integer, got '${args.workers}'`);

// Every method pretrains the same encoder, the recipe book's 'convnet': height and width
// are free, so that DINO's local crops (and jigsaw's tiles) go through it too. Views: the
// digit views (no flips: they change digits).
const recipeOptions = (totalSteps: number): RecipeOptions => ({
  method: args.method!,
  backbone: 'convnet',
  imageShape: [28, 28, 1],
  totalSteps,
  seed,
});
const filters = encoderFor(recipeOptions(1))
  .layers.filter((layer) => layer.getClassName() === 'Conv2D')
  .map((layer) => (layer.getConfig() as { filters: number }).filters);

const backend = await initBackend();
const [trainSet, testSet] = await Promise.all([loadMnist('train'), loadMnist('test')]);
const probeTrain = Math.min(Number(args['probe-train']), trainSet.count);

const data = () =>
  batchLoader<ImagesBatch>({ size: trainSet.count, batchSize, load: (indices) => ({ images: selectImages(trainSet, indices) }), dispose: () => {} });
/** Worker threads for a method built by the recipe book (none with --workers 1). */
const replicasFor = (method: VisionMethod) => (workers > 1 ? ParallelReplicas.forMethod(method, { workers }) : Promise.resolve(undefined));
const started = performance.now();
// Steps that fit the budget: time a few steps of a throwaway copy (on its own workers), after one warm-up step.
const secondsPerStep = await (async () => {
  const { encoder, method } = buildRecipe(recipeOptions(100));
  const replicas = await replicasFor(method);
  const optimizer = new AdamW({ learningRate: recipe.learningRate });
  await train({ method, data: data(), optimizer, steps: 1, seed, replicas });
  const t = performance.now();
  await train({ method, data: data(), optimizer, steps: 5, seed, replicas });
  const seconds = (performance.now() - t) / 5000;
  await replicas?.dispose();
  method.dispose();
  encoder.dispose();
  return seconds;
})();
const steps = Math.max(10, Math.floor((minutes * 60) / secondsPerStep));
console.log(
  `${args.method}: ${secondsPerStep.toFixed(2)} s/step on ${backend.name} with ${workers} worker${workers === 1 ? '' : 's'}, ${steps} steps in the ${minutes}-minute budget`,
);

const { method } = buildRecipe(recipeOptions(steps));
const replicas = await replicasFor(method);
const pretrainStart = performance.now();
await train({
  method,
  data: data(),
  optimizer: new AdamW({ learningRate: recipe.learningRate, weightDecay: recipe.weightDecay }),
  schedule: warmupCosineSchedule({ baseValue: recipe.learningRate, totalSteps: steps, warmupSteps: Math.ceil(steps / 20) }),
  steps,
  seed,
  batchSize,
  replicas,
  callbacks: [{ onStep: (r) => void ((r.step + 1) % 50 === 0 && console.log(`step ${r.step + 1}/${steps} loss ${r.loss.toFixed(4)}`)) }],
});
await replicas?.dispose();
const pretrainMinutes = (performance.now() - pretrainStart) / 60_000;

// The probes are fitted on a stratified sample of the training digits (as `selfsup pretrain` does) and scored on every test digit.
const trainRows = Array.from(stratifiedSample({ labels: trainSet.labels, count: probeTrain, seed }));
const testRows = Array.from({ length: testSet.count }, (_, i) => i);
const trainLabels = Int32Array.from(trainRows, (row) => trainSet.labels[row]);

/** The given rows of a set, as [B, 28, 28, 1] batches of 512. */
function* imageBatches(set: typeof trainSet, rows: number[]) {
  for (let start = 0; start < rows.length; start += 512) {
    const images = selectImages(set, rows.slice(start, start + 512));
    yield tf.tensor4d(images.data, [images.batch, 28, 28, 1]);
  }
}

async function probe(model: tf.LayersModel | null) {
  const features = async (set: typeof trainSet, rows: number[]) => {
    if (!model) return selectImages(set, rows).data;
    return (await extractEmbeddings(model, imageBatches(set, rows), { disposeInputs: true })).values;
  };
  const dimension = model ? (model.outputs[0].shape[1] as number) : 784;
  const train = { values: await features(trainSet, trainRows), count: probeTrain, dimension };
  const test = { values: await features(testSet, testRows), count: testSet.count, dimension };
  const knn = await knnEvaluate({
    trainFeatures: train,
    trainLabels,
    testFeatures: test,
    testLabels: testSet.labels,
    numClasses: 10,
    ...KNN_LIGHTLY,
  });
  const linear = await linearProbe({ trainFeatures: train, trainLabels, testFeatures: test, testLabels: testSet.labels, numClasses: 10, seed });
  return { knn: knn.accuracy, linear: linear.accuracy, test };
}
/**
 * The classic protocol of the pretext-task papers (Zhang et al. 2016, Noroozi & Favaro
 * 2016): a linear probe on the last conv block's feature map, flattened ([B, 7, 7, C] ->
 * [B, 49 C]), before global average pooling throws away where things are.
 */
async function featureMapProbe(model: tf.LayersModel) {
  const pooling = model.layers.findIndex((layer) => layer.getClassName() === 'GlobalAveragePooling2D');
  const map = tf.model({ inputs: model.inputs, outputs: model.layers[pooling - 1].output as tf.SymbolicTensor });
  const flatten = (x: tf.Tensor) => tf.tidy(() => tf.reshape(map.predict(x) as tf.Tensor, [x.shape[0], -1])); // [B, H' W' C]
  const features = (set: typeof trainSet, rows: number[]) => extractEmbeddings(flatten, imageBatches(set, rows), { disposeInputs: true });
  const train = await features(trainSet, trainRows);
  const test = await features(testSet, testRows);
  return (await linearProbe({ trainFeatures: train, trainLabels, testFeatures: test, testLabels: testSet.labels, numClasses: 10, seed })).accuracy;
}
const pretrained = await probe(method.encoder);
const pretrainedMap = args['no-map'] ? undefined : await featureMapProbe(method.encoder);
const collapse = collapseReport(pretrained.test);
// The baselines depend only on the encoder's architecture, the probe's protocol, seed and probe size: computed once, then cached.
const outputDimension = method.encoder.outputs[0].shape[1];
const baselineFile = new URL(
  `./.cache/baselines-${filters.join('-')}-d${outputDimension}-stratified-e${LINEAR_PROBE_DEFAULTS.epochs}-${probeTrain}-${seed}.json`,
  import.meta.url,
).pathname;
const baselines: Record<'randomInit' | 'raw', { knn: number; linear: number }> & { randomInitMap?: number } = existsSync(baselineFile)
  ? JSON.parse(readFileSync(baselineFile, 'utf8'))
  : await (async () => {
      const [randomProbe, rawProbe] = [await probe(encoderFor(recipeOptions(1))), await probe(null)];
      const value = { randomInit: { knn: randomProbe.knn, linear: randomProbe.linear }, raw: { knn: rawProbe.knn, linear: rawProbe.linear } };
      mkdirSync(dirname(baselineFile), { recursive: true });
      writeFileSync(baselineFile, JSON.stringify(value));
      return value;
    })();
if (baselines.randomInitMap === undefined && !args['no-map']) {
  baselines.randomInitMap = await featureMapProbe(encoderFor(recipeOptions(1)));
  writeFileSync(baselineFile, JSON.stringify(baselines));
}
const { randomInit, raw, randomInitMap } = baselines;
const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const row = `| ${args.method} | ConvNet [${filters}] | ${minutes} min (${pretrainMinutes.toFixed(1)} measured) | ${steps} x ${batchSize} | ${percent(pretrained.knn)} | ${percent(pretrained.linear)} | ${percent(randomInit.linear)} (kNN ${percent(randomInit.knn)}) | ${percent(raw.linear)} (kNN ${percent(raw.knn)}) | ${pretrainedMap === undefined ? 'not measured' : `${percent(pretrainedMap)} (random init ${percent(randomInitMap!)})`} | std ${collapse.meanDimensionStd.toFixed(3)} (healthy ${collapse.healthyStd.toFixed(3)}), rank ${collapse.effectiveRank.toFixed(1)} | \`pnpm --filter @selfsup/bench pretrain-mnist --method ${args.method} --minutes ${minutes} --workers ${workers} --probe-train ${probeTrain}${args['no-map'] ? ' --no-map' : ''}\` |`;
console.log(row);
console.log(`total ${((performance.now() - started) / 60_000).toFixed(1)} min`);

if (!args['no-write']) {
  const docs = new URL('../docs/benchmarks.md', import.meta.url).pathname;
  let text = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
  const header = '## Pretraining on MNIST';
  if (!text.includes(header)) {
    text += `\n${header}\n\nEach method pretrains the ConvNet encoder (3 conv blocks, 128-d) on MNIST train without labels for the budget on this machine (${backend.name} backend, ${workers} worker thread${workers === 1 ? '' : 's'}), then the frozen encoder is probed on MNIST test: weighted kNN (k = 200, t = 0.1) and a linear probe (docs/evaluation.md), both fitted on the first N training images; the same probes on raw pixels and on the encoder at random initialisation are the baselines. Measured ${new Date().toISOString().slice(0, 10)}.\n\n| method | encoder | budget | steps x batch | kNN | linear | random-init linear | raw pixels linear | linear on the conv feature map | collapse monitor (test) | command |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n`;
  }
  writeFileSync(docs, `${text.trimEnd()}\n${row}\n`);
}
