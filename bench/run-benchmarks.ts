// On-demand benchmarks (not run in CI): our training steps against PyTorch's, measured in
// one run on this machine, written into docs/benchmarks.md with the command used.
//
//   pnpm --filter @selfsup/bench bench [--workloads simclr-cnn3,gpt-char] [--repeats 7] [--no-write]
//
// PyTorch comes from Debian: apt-get install -y python3-torch python3-torchvision python3-sklearn
// (see bench/torch_reference.py, the reference side of each workload).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@selfsup/core/tf';
import { initBackend } from '@selfsup/core';
import { gptChar } from './workloads/gpt-char.js';
import { gptCharParallel } from './workloads/gpt-char-parallel.js';
import { kmeans } from './workloads/kmeans.js';
import { recipeStep } from './workloads/recipe-step.js';
import { simclrAugment } from './workloads/simclr-augment.js';
import { simclrCnn3 } from './workloads/simclr-cnn3.js';
import { simclrCnn3Parallel } from './workloads/simclr-cnn3-parallel.js';
import type { Workload } from './workloads/workload.js';

/** Each workload, and the PyTorch workload it is compared with. */
const WORKLOADS: Record<string, { build: () => Workload | Promise<Workload>; reference: string }> = {
  'simclr-cnn3': { build: () => simclrCnn3(), reference: 'simclr-cnn3' },
  'simclr-cnn3-2workers': { build: () => simclrCnn3Parallel(), reference: 'simclr-cnn3' },
  // The main job's step (SimCLR recipe, the convnet backbone) on 1 and 2 workers: the speed-up of --workers.
  'recipe-simclr': { build: () => recipeStep({ method: 'simclr', backbone: 'convnet', workers: 1 }), reference: 'simclr-cnn3' },
  'recipe-simclr-2workers': { build: () => recipeStep({ method: 'simclr', backbone: 'convnet', workers: 2 }), reference: 'simclr-cnn3' },
  'recipe-simclr-wide': { build: () => recipeStep({ method: 'simclr', backbone: 'convnet-wide', workers: 1 }), reference: 'simclr-cnn3' },
  'recipe-simclr-wide-2workers': { build: () => recipeStep({ method: 'simclr', backbone: 'convnet-wide', workers: 2 }), reference: 'simclr-cnn3' },
  'gpt-char': { build: () => gptChar(), reference: 'gpt-char' },
  'gpt-char-2workers': { build: () => gptCharParallel(), reference: 'gpt-char' },
  kmeans: { build: () => kmeans(), reference: 'kmeans' },
  augment: { build: () => simclrAugment(), reference: 'augment' },
};
const TORCH_SCRIPT = new URL('./torch_reference.py', import.meta.url).pathname;
const DOCS = new URL('../docs/benchmarks.md', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    workloads: { type: 'string', default: Object.keys(WORKLOADS).join(',') },
    repeats: { type: 'string', default: '7' },
    threads: { type: 'string', default: '2' },
    'no-write': { type: 'boolean', default: false },
  },
});
const repeats = Number(args.repeats);
const names = args.workloads!.split(',');
for (const name of names)
  if (!WORKLOADS[name]) throw new Error(`bench: unknown workload '${name}'; choose from ${Object.keys(WORKLOADS).join(', ')}`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Row {
  workload: string;
  oursSeconds: number;
  torchSeconds: number | null;
  rate: string;
  leakedPerStep: number;
  peakRssMb: number;
  profile: { kernel: string; ms: number }[];
}

async function measure(name: string): Promise<Row> {
  const workload = await WORKLOADS[name].build();
  for (let i = 0; i < 2; i++) await workload.step(); // warm-up: slots, kernel setup
  const tensorsBefore = tf.memory().numTensors;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await workload.step();
    times.push((performance.now() - start) / 1000);
  }
  const leakedPerStep = (tf.memory().numTensors - tensorsBefore) / repeats;
  // The kernels of worker threads are not visible here: profile the one-thread steps only.
  const byKernel = new Map<string, number>();
  if (!name.endsWith('workers') && name !== 'kmeans' && name !== 'augment') {
    const info = await tf.profile(() => {
      void workload.step();
    });
    for (const kernel of info.kernels) byKernel.set(kernel.name, (byKernel.get(kernel.name) ?? 0) + Number(kernel.kernelTimeMs));
  }
  const profile = [...byKernel.entries()]
    .map(([kernel, ms]) => ({ kernel, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  await workload.dispose();
  const oursSeconds = median(times);
  return {
    workload: name,
    oursSeconds,
    torchSeconds: torchReference(WORKLOADS[name].reference),
    rate: `${(workload.itemsPerStep / oursSeconds).toFixed(0)} ${workload.unit}`,
    leakedPerStep,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    profile,
  };
}

function torchReference(name: string): number | null {
  if (!existsSync('/usr/bin/python3') || !existsSync(TORCH_SCRIPT)) return null;
  try {
    const out = execFileSync('/usr/bin/python3', [TORCH_SCRIPT, name, '--threads', args.threads!, '--repeats', String(repeats)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(out.trim().split('\n').pop()!).median_s as number;
  } catch {
    return null;
  }
}

const backend = await initBackend();
const rows: Row[] = [];
for (const name of names) {
  const row = await measure(name);
  rows.push(row);
  console.log(`${row.workload}: ours ${row.oursSeconds.toFixed(3)} s, PyTorch ${row.torchSeconds?.toFixed(3) ?? 'n/a'} s`);
}

const command = `pnpm --filter @selfsup/bench bench --workloads ${names.join(',')} --repeats ${repeats} --threads ${args.threads}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on this machine (${backend.name} backend; PyTorch with ${args.threads} threads), median of ${repeats} steps after 2 warm-up steps:`,
  '',
  '| workload | ours (s/step) | PyTorch (s/step) | ours / PyTorch | our rate | tensors leaked per step | peak RSS of the process so far |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.workload} | ${r.oursSeconds.toFixed(3)} | ${r.torchSeconds?.toFixed(3) ?? 'not installed'} | ${r.torchSeconds ? (r.oursSeconds / r.torchSeconds).toFixed(2) : '-'} | ${r.rate} | ${r.leakedPerStep} | ${r.peakRssMb.toFixed(0)} MB |`,
  ),
  '',
  ...rows
    .filter((r) => r.profile.length > 0)
    .flatMap((r) => [
      `Per-kernel time of one ${r.workload} step (top 10, ms): ${r.profile.map((p) => `${p.kernel} ${p.ms.toFixed(0)}`).join(', ')}.`,
      '',
    ]),
  `Command: \`${command}\``,
].join('\n');
console.log(`\n${table}`);

if (!args['no-write']) {
  const begin = '<!-- bench:training-step:begin -->';
  const end = '<!-- bench:training-step:end -->';
  const docs = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '# Benchmarks\n';
  const section = `${begin}\n${table}\n${end}`;
  const updated = docs.includes(begin)
    ? docs.replace(new RegExp(`${begin}[\\s\\S]*${end}`), section)
    : `${docs.trimEnd()}\n\n## Training step against PyTorch\n\n${section}\n`;
  writeFileSync(DOCS, updated);
  console.log(`\nwritten to ${DOCS}`);
}
