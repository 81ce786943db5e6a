// selfsup in a real browser: `selfsup pretrain` saves an encoder and `selfsup pretrain
// --method gpt` a GPT in Node; a page built by Vite from @selfsup/core, @selfsup/vision and
// @selfsup/text loads them in headless Chromium and must give Node's embedding, train SimCLR
// steps with Node's losses, and give Node's next-token logits and greedy continuation.
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, initBackend } from '@selfsup/core';
import sharp from 'sharp';
import { type Browser, launch } from 'puppeteer-core';
import { loadRunEncoder, main } from 'selfsup';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDE, continuePrompt, embed, simclrSteps, syntheticImages } from '../src/browser-check.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** WebGL computes in its own order (float32 textures): measured 3e-8 on the embedding, 1e-6 on the losses. */
const WEBGL_TOLERANCE = 1e-4;
const here = fileURLToPath(new URL('..', import.meta.url));
const wasmDirectory = dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves the page and, under their prefixes, the wasm binaries (/wasm/), the runs' models and the GPT's tokenizer; records every request. */
function serve(page: string, folders: Record<string, string>, requests: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const prefix = Object.keys(folders).find((name) => path.startsWith(`/${name}/`));
    const [root, rest] = prefix ? [folders[prefix], path.slice(prefix.length + 2)] : [page, path.slice(1) || 'index.html'];
    const file = normalize(join(root, rest));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })),
  );
}

describe('selfsup in headless Chromium (Vite build, wasm backend)', () => {
  const work = mkdtempSync(join(tmpdir(), 'selfsup-browser-'));
  const run = join(work, 'run');
  const gptRun = join(work, 'gpt-run');
  const page = join(work, 'page');
  let browser: Browser | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    // A flat folder of the synthetic images: `selfsup pretrain` trains 2 steps and saves the encoder.
    const images = syntheticImages(24, 3);
    const folder = join(work, 'images');
    mkdirSync(folder);
    for (let n = 0; n < images.count; n++) {
      const pixels = Buffer.from(images.pixels.subarray(n * SIDE * SIDE, (n + 1) * SIDE * SIDE));
      await sharp(pixels, { raw: { width: SIDE, height: SIDE, channels: 1 } })
        .png()
        .toFile(join(folder, `${n}.png`));
    }
    const args = [
      'pretrain',
      '--dataset',
      folder,
      '--channels',
      '1',
      '--image-size',
      String(SIDE),
      '--batch-size',
      '8',
      '--steps',
      '2',
      '--workers',
      '1',
    ];
    const code = await main([...args, '--out', run], { log: () => {}, error: (line) => console.error(line) });
    expect(code).toBe(0);
    // A folder of seeded text: `selfsup pretrain --method gpt` trains 2 steps and saves the GPT and its tokenizer.
    const texts = join(work, 'texts');
    mkdirSync(texts);
    const words = ['the', 'whale', 'sea', 'ship', 'and', 'of', 'a', 'captain', 'white', 'deep'];
    const random = createRandom(5);
    for (let file = 0; file < 24; file++) {
      const text = Array.from({ length: 120 }, () => words[random.integer(words.length)]).join(' ');
      writeFileSync(join(texts, `${file}.txt`), `${text}.\n`);
    }
    const gptArgs = ['pretrain', '--method', 'gpt', '--dataset', texts, '--batch-size', '8', '--steps', '2', '--workers', '1', '--out', gptRun];
    expect(await main(gptArgs, { log: () => {}, error: (line) => console.error(line) })).toBe(0);
    await build({ root: here, logLevel: 'warn', build: { outDir: page, emptyOutDir: true } }); // with ./vite.config.ts
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('docs/browser.md shows the page and its module verbatim', () => {
    const docs = readFileSync(join(here, '../../docs/browser.md'), 'utf8');
    for (const file of ['src/page.ts', 'src/browser-check.ts']) expect(docs, file).toContain(readFileSync(join(here, file), 'utf8').trim());
  });

  it('bundles no Node built-in and no sharp', () => {
    const assets = readdirSync(join(page, 'assets')).filter((name) => name.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(0);
    for (const name of assets) {
      const code = readFileSync(join(page, 'assets', name), 'utf8');
      expect(code.match(/["'`]node:[a-z_/]+["'`]/g) ?? [], name).toEqual([]);
      expect(code.match(/["'`]sharp["'`]/g) ?? [], name).toEqual([]);
    }
  });

  /** Node's figures and the served page, shared by the two backends' tests. */
  let node: { embedding: number[]; losses: number[]; gpt: { logits: number[]; text: string } };
  let served: { url: string };
  const requests: string[] = [];

  /** Opens the page with `query` and returns what it computed and any request outside its server. */
  async function openPage(query: string) {
    if (!served) {
      // Node: the same encoder, images and steps on the wasm backend.
      await initBackend({ backend: 'wasm', warn: () => {} });
      const encoder = await loadRunEncoder(run, { warn: () => {} });
      const gpt = await loadRunEncoder(gptRun, { warn: () => {} });
      const characters = JSON.parse(readFileSync(join(gptRun, 'tokenizer', 'characters.json'), 'utf8'));
      node = { embedding: embed(encoder), losses: await simclrSteps(3), gpt: continuePrompt(gpt, characters) };
      encoder.dispose();
      gpt.dispose();
      // The encoder folder of the newest checkpoint (model.json + weights.bin).
      const latest = JSON.parse(readFileSync(join(run, 'checkpoints', 'latest.json'), 'utf8'));
      const encoderDirectory = join(run, 'checkpoints', latest.path, 'models', 'encoder');
      expect(existsSync(join(encoderDirectory, 'model.json')), encoderDirectory).toBe(true);
      const gptLatest = JSON.parse(readFileSync(join(gptRun, 'checkpoints', 'latest.json'), 'utf8'));
      const folders = {
        wasm: wasmDirectory,
        encoder: encoderDirectory,
        gpt: join(gptRun, 'checkpoints', gptLatest.path, 'models', 'encoder'),
        'gpt-tokenizer': join(gptRun, 'tokenizer'),
      };
      const started = await serve(page, folders, requests);
      server = started.server;
      served = started;
      // SwiftShader gives headless Chromium a software WebGL 2 with float textures.
      browser = await launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
    }
    const tab = await browser!.newPage();
    const outside: string[] = [];
    tab.on('request', (request) => {
      if (!request.url().startsWith(served.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    await tab.goto(`${served.url}${query}`);
    await tab.waitForFunction(() => window.selfsupResult !== undefined, { timeout: 180_000 });
    const result = await tab.evaluate(() => window.selfsupResult!);
    await tab.close();
    if ('error' in result) throw new Error(`the page failed: ${result.error}`);
    const difference = Math.max(...result.embedding.map((value, i) => Math.abs(value - node.embedding[i])));
    const gptDifference = Math.max(...result.gpt.logits.map((value, i) => Math.abs(value - node.gpt.logits[i])));
    expect(result.gpt.logits).toHaveLength(node.gpt.logits.length);
    expect(result.embedding).toHaveLength(node.embedding.length);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(outside).toEqual([]);
    writeFileSync(
      join(work, `result-${result.backend}.json`),
      JSON.stringify({
        difference,
        gptDifference,
        nodeLosses: node.losses,
        browserLosses: result.losses,
        nodeText: node.gpt.text,
        browserText: result.gpt.text,
      }),
    );
    return { ...result, difference, gptDifference };
  }

  it('on wasm: loads the encoder saved by selfsup pretrain with the embedding Node computes, trains SimCLR with the same losses, and the GPT continues a prompt as in Node', async () => {
    const result = await openPage('?backend=wasm');
    expect(result.backend).toBe('wasm');
    expect(result.difference).toBeLessThanOrEqual(1e-5);
    for (const [step, loss] of result.losses.entries()) expect(Math.abs(loss - node.losses[step]), `step ${step}`).toBeLessThanOrEqual(1e-4);
    expect(result.gptDifference).toBeLessThanOrEqual(1e-5);
    expect(result.gpt.text).toBe(node.gpt.text);
    expect(result.gpt.text).toHaveLength(20);
    expect(requests).toEqual(
      expect.arrayContaining(['/encoder/model.json', '/encoder/weights.bin', '/gpt/model.json', '/gpt-tokenizer/characters.json']),
    );
    expect(requests.some((path) => path.startsWith('/wasm/'))).toBe(true);
  });

  it('by default picks WebGL (the page imported it) and trains there, close to Node', async () => {
    const result = await openPage('');
    expect(result.backend).toBe('webgl');
    expect(result.difference).toBeLessThanOrEqual(WEBGL_TOLERANCE);
    expect(result.gptDifference).toBeLessThanOrEqual(WEBGL_TOLERANCE);
    for (const [step, loss] of result.losses.entries())
      expect(Math.abs(loss - node.losses[step]), `step ${step}`).toBeLessThanOrEqual(WEBGL_TOLERANCE);
  });
});
