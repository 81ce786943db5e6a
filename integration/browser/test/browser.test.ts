// selfsup in a real browser: `selfsup pretrain` saves an encoder in Node; a page built by
// Vite from @selfsup/core and @selfsup/vision loads it in headless Chromium on the wasm
// backend and must give Node's embedding, then trains SimCLR steps with Node's losses.
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@selfsup/core';
import sharp from 'sharp';
import { type Browser, launch } from 'puppeteer-core';
import { loadRunEncoder, main } from 'selfsup';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDE, embed, simclrSteps, syntheticImages } from '../src/browser-check.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** WebGL computes in its own order (float32 textures): measured 3e-8 on the embedding, 1e-6 on the losses. */
const WEBGL_TOLERANCE = 1e-4;
const here = fileURLToPath(new URL('..', import.meta.url));
const wasmDirectory = dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves the page, the wasm binaries (/wasm/) and the run's encoder (/encoder/), and records every request. */
function serve(page: string, encoder: string, requests: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const [root, rest] = path.startsWith('/wasm/')
      ? [wasmDirectory, path.slice(6)]
      : path.startsWith('/encoder/')
        ? [encoder, path.slice(9)]
        : [page, path.slice(1) || 'index.html'];
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
  let node: { embedding: number[]; losses: number[] };
  let served: { url: string };
  const requests: string[] = [];

  /** Opens the page with `query` and returns what it computed and any request outside its server. */
  async function openPage(query: string) {
    if (!served) {
      // Node: the same encoder, images and steps on the wasm backend.
      await initBackend({ backend: 'wasm', warn: () => {} });
      const encoder = await loadRunEncoder(run, { warn: () => {} });
      node = { embedding: embed(encoder), losses: await simclrSteps(3) };
      encoder.dispose();
      // The encoder folder of the newest checkpoint (model.json + weights.bin).
      const latest = JSON.parse(readFileSync(join(run, 'checkpoints', 'latest.json'), 'utf8'));
      const encoderDirectory = join(run, 'checkpoints', latest.path, 'models', 'encoder');
      expect(existsSync(join(encoderDirectory, 'model.json')), encoderDirectory).toBe(true);
      const started = await serve(page, encoderDirectory, requests);
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
    expect(result.embedding).toHaveLength(node.embedding.length);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(outside).toEqual([]);
    writeFileSync(join(work, `result-${result.backend}.json`), JSON.stringify({ difference, nodeLosses: node.losses, browserLosses: result.losses }));
    return { ...result, difference };
  }

  it('on wasm: loads the encoder saved by selfsup pretrain with the embedding Node computes, and trains SimCLR with the same losses', async () => {
    const result = await openPage('?backend=wasm');
    expect(result.backend).toBe('wasm');
    expect(result.difference).toBeLessThanOrEqual(1e-5);
    for (const [step, loss] of result.losses.entries()) expect(Math.abs(loss - node.losses[step]), `step ${step}`).toBeLessThanOrEqual(1e-4);
    expect(requests).toEqual(expect.arrayContaining(['/encoder/model.json', '/encoder/weights.bin']));
    expect(requests.some((path) => path.startsWith('/wasm/'))).toBe(true);
  });

  it('by default picks WebGL (the page imported it) and trains there, close to Node', async () => {
    const result = await openPage('');
    expect(result.backend).toBe('webgl');
    expect(result.difference).toBeLessThanOrEqual(WEBGL_TOLERANCE);
    for (const [step, loss] of result.losses.entries())
      expect(Math.abs(loss - node.losses[step]), `step ${step}`).toBeLessThanOrEqual(WEBGL_TOLERANCE);
  });
});
