// On-demand benchmark (not run in CI): does selfsup's linear probe agree with scikit-learn's
// LogisticRegression on the same features? Target: within 0.5 points of test accuracy.
//
//   pnpm --filter @selfsup/bench probe-vs-sklearn [--run DIR] [--probe-train 10000] [--seed 0] [--write]
//
// Feature sets of MNIST, each on a stratified sample of --probe-train training digits
// (`stratifiedSample`, the probes' sample in `selfsup pretrain`) and the 10,000 test digits:
// the raw pixels (784-d); the recipe book's 'convnet' encoder at its random initialisation
// (128-d, `encoderFor`); with --run, the encoder of a saved `selfsup pretrain` run (`loadRunEncoder`).
// On each, our `linearProbe` (weight decay chosen on a 10% validation split) and, on the same
// numbers written to raw float32 files with the same validation rows, bench/probe_vs_sklearn.py:
// StandardScaler + LogisticRegression(solver='lbfgs', max_iter=1000) with C chosen on that
// split. Prints a table; --write appends it to docs/benchmarks.md ("The linear probe against
// scikit-learn"). Needs Debian's python3-sklearn (/usr/bin/python3).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@selfsup/core/tf';
import {
  type FeatureMatrix,
  LINEAR_PROBE_DEFAULTS,
  createRandom,
  extractEmbeddings,
  initBackend,
  linearProbe,
  shuffleInPlace,
  stratifiedSample,
} from '@selfsup/core';
import { type LabelledImages, encoderFor, selectImages } from '@selfsup/vision';
import { loadMnist } from '@selfsup/vision/node';
import { loadRunEncoder } from 'selfsup';
import { appendTableRows, tableRow } from './docs-table.js';

const { values: args } = parseArgs({
  options: {
    run: { type: 'string' },
    'probe-train': { type: 'string', default: '10000' },
    seed: { type: 'string', default: '0' },
    python: { type: 'string', default: '/usr/bin/python3' },
    write: { type: 'boolean', default: false },
  },
});
const seed = Number(args.seed);
const backend = await initBackend();
const [trainSet, testSet] = await Promise.all([loadMnist('train'), loadMnist('test')]);
const rows = stratifiedSample({ labels: trainSet.labels, count: Number(args['probe-train']), seed });
const testRows = Int32Array.from({ length: testSet.count }, (_, i) => i);
const trainLabels = Int32Array.from(rows, (row) => trainSet.labels[row]);

/** Pixels / 255 of the given rows, as [B, 28, 28, 1] batches of 256. */
function* imageBatches(set: LabelledImages, indices: Int32Array) {
  for (let start = 0; start < indices.length; start += 256) {
    const images = selectImages(set, Array.from(indices.subarray(start, start + 256)));
    yield tf.tensor4d(images.data, [images.batch, images.height, images.width, images.channels]);
  }
}
const pixels = (set: LabelledImages, indices: Int32Array): FeatureMatrix => ({
  values: selectImages(set, Array.from(indices)).data,
  count: indices.length,
  dimension: 784,
});
const embedded = (encoder: tf.LayersModel) => async (set: LabelledImages, indices: Int32Array) =>
  extractEmbeddings(encoder, imageBatches(set, indices), { disposeInputs: true });

/** What an encoder is made of, e.g. 'conv 16-32-64, dense 128'. */
function describe(encoder: tf.LayersModel): string {
  const configs = (name: string) => encoder.layers.filter((layer) => layer.getClassName() === name).map((layer) => layer.getConfig());
  const filters = configs('Conv2D').map((config) => config.filters);
  const dense = configs('Dense').map((config) => config.units);
  return `conv ${filters.join('-')}, ${dense.length > 0 ? `dense ${dense.join('-')}` : 'pooled'}`;
}
const randomInit = encoderFor({ method: 'simclr', imageShape: [28, 28, 1], totalSteps: 1, seed });
const featureSets: { name: string; features: (set: LabelledImages, indices: Int32Array) => FeatureMatrix | Promise<FeatureMatrix> }[] = [
  { name: 'raw pixels', features: pixels },
  { name: `'convnet' (${describe(randomInit)}) at random init`, features: embedded(randomInit) },
];
if (args.run) {
  const run = JSON.parse(readFileSync(join(args.run, 'config.json'), 'utf8')) as { method: string; dataset: string; totalSteps: number };
  const encoder = await loadRunEncoder(args.run);
  featureSets.push({ name: `${run.method} on ${run.dataset}, ${run.totalSteps} steps (${describe(encoder)})`, features: embedded(encoder) });
}

// Our probes, and the files for scikit-learn's.
const folder = mkdtempSync(join(tmpdir(), 'probe-vs-sklearn-'));
const write = (name: string, values: Float32Array | Int32Array) =>
  writeFileSync(join(folder, name), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
// linearProbe's held-out rows: the first round(10%) of a permutation drawn with createRandom(seed).
const order = shuffleInPlace(
  Int32Array.from({ length: rows.length }, (_, i) => i),
  createRandom(seed),
);
write('validation.i32', order.slice(0, Math.round(rows.length * LINEAR_PROBE_DEFAULTS.validationFraction)));
write('train-labels.i32', trainLabels);
write('test-labels.i32', testSet.labels);
const ours: { name: string; dimension: number; accuracy: number; weightDecay: number; seconds: number }[] = [];
for (const [k, { name, features }] of featureSets.entries()) {
  const train = await features(trainSet, rows);
  const test = await features(testSet, testRows);
  const started = performance.now();
  const probe = await linearProbe({ trainFeatures: train, trainLabels, testFeatures: test, testLabels: testSet.labels, numClasses: 10, seed });
  ours.push({
    name,
    dimension: train.dimension,
    accuracy: probe.accuracy,
    weightDecay: probe.weightDecay,
    seconds: (performance.now() - started) / 1000,
  });
  console.log(`selfsup linearProbe on ${name}: ${(100 * probe.accuracy).toFixed(2)}% (weight decay ${probe.weightDecay})`);
  write(`${k}-train.f32`, train.values);
  write(`${k}-test.f32`, test.values);
}
const manifest = {
  trainLabels: 'train-labels.i32',
  testLabels: 'test-labels.i32',
  validationRows: 'validation.i32',
  sets: ours.map(({ name, dimension }, k) => ({ name, dimension, train: `${k}-train.f32`, test: `${k}-test.f32` })),
};
writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));

const python = spawnSync(args.python!, [new URL('./probe_vs_sklearn.py', import.meta.url).pathname, join(folder, 'manifest.json')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
rmSync(folder, { recursive: true, force: true });
if (python.status !== 0) throw new Error(`probe-vs-sklearn: probe_vs_sklearn.py exited with ${python.status}`);
const theirs = python.stdout
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { name: string; accuracy: number; C: number; converged: boolean; seconds: number });

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const date = new Date().toISOString().slice(0, 10);
const rowsOut = ours.map((our, k) => {
  const sklearn = theirs[k];
  const difference = 100 * (our.accuracy - sklearn.accuracy);
  return tableRow([
    our.name,
    our.dimension,
    `${percent(our.accuracy)} (wd ${our.weightDecay}, ${our.seconds.toFixed(0)} s)`,
    `${percent(sklearn.accuracy)} (C ${sklearn.C}${sklearn.converged ? '' : ', max_iter reached'}, ${sklearn.seconds.toFixed(0)} s)`,
    `${difference >= 0 ? '+' : ''}${difference.toFixed(2)}`,
    Math.abs(difference) <= 0.5 ? 'yes' : 'no',
    `${rows.length} / ${testSet.count}`,
    date,
  ]);
});
const section = {
  heading: '## The linear probe against scikit-learn',
  intro: `Our \`linearProbe\` (standardised features, multinomial logistic regression by mini-batch Adam, weight
decay from [0, 1e-5, 1e-4, 1e-3, 1e-2] chosen on a seeded 10% validation split, refitted on all training
rows) against scikit-learn 1.2's \`StandardScaler\` + \`LogisticRegression(solver='lbfgs', max_iter=1000)\`
with C from [0.01, 0.1, 1, 10, 100] chosen on the same validation rows, on the same float32 features of
MNIST: a stratified sample of training digits (\`stratifiedSample\`, seed 0) and the 10,000 test digits.
Target: within 0.5 points of test accuracy. Times are this machine's (${backend.name} backend for ours).
Command: \`pnpm --filter @selfsup/bench probe-vs-sklearn [--run DIR] --write\`.`,
  columns: [
    'features',
    'dimension',
    'selfsup linearProbe',
    'scikit-learn LogisticRegression',
    'difference (points)',
    'within 0.5',
    'train / test',
    'measured',
  ],
};
console.log(['', tableRow(section.columns), tableRow(section.columns.map(() => '---')), ...rowsOut].join('\n'));
if (args.write) appendTableRows(section, rowsOut);
