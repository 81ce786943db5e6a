import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, launch } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import { REPORT_CHART_IDS } from './report-script.js';
import { writeReport } from './write-report.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEPS = 300;
const EVALUATE_EVERY = 25;
const HOSTILE = '<script>alert("x")</script> & \'co\'';

/** A deterministic uniform generator in [0, 1) (an LCG; enough for fixtures). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function metricsLines(withExtras: boolean): string {
  const random = lcg(1);
  const lines: string[] = [];
  for (let step = 1; step <= STEPS; step++) {
    const progress = step / STEPS;
    const warmup = Math.min(1, step / 30);
    const line: Record<string, unknown> = {
      step,
      epoch: Math.floor(step / 100),
      loss: 2 + 3.5 * Math.exp(-4 * progress) + 0.3 * (random() - 0.5),
      learningRate: 0.003 * warmup * 0.5 * (1 + Math.cos(Math.PI * progress)),
    };
    if (withExtras) {
      line.accuracy = Math.min(1, 0.2 + 0.7 * progress + 0.05 * random());
      line.alignment = 1.6 - progress;
      if (step % EVALUATE_EVERY === 0) {
        line.evaluation = {
          meanDimensionStd: 0.02 + 0.06 * progress,
          healthyStd: 1 / Math.sqrt(128),
          effectiveRank: 4 + 60 * progress,
          collapsed: step <= 50,
        };
      }
    }
    lines.push(JSON.stringify(line));
  }
  return `${lines.join('\n')}\n`;
}

function projection(): unknown {
  const random = lcg(2);
  const classes = ['circle', 'square', HOSTILE];
  const labels: number[] = [];
  const embeddings: number[][] = [];
  for (let n = 0; n < 180; n++) {
    const label = n % 3;
    labels.push(label);
    embeddings.push(Array.from({ length: 16 }, (_, d) => (d === label ? 3 : 0) + random() - 0.5));
  }
  return { labels, classes, embeddings };
}

async function augmentedViewsPng(): Promise<Buffer> {
  const [width, height] = [8 * 28, 4 * 28];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inDisc = (x % 28) ** 2 + (y % 28) ** 2 < 20 ** 2;
      pixels.fill(inDisc ? 230 : 30, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

const config = {
  method: 'simclr',
  dataset: 'mnist',
  backbone: 'small-cnn',
  steps: STEPS,
  batchSize: 256,
  learningRate: 0.003,
  seed: 7,
  augment: { crop: 0.2 },
  notes: HOSTILE,
};

async function writeFullRun(directory: string): Promise<void> {
  await writeFile(join(directory, 'config.json'), JSON.stringify(config));
  await writeFile(join(directory, 'metrics.jsonl'), metricsLines(true));
  const results = { pretrained: { linear: 0.912, knn: 0.934 }, randomInit: { linear: 0.789, knn: 0.801 }, rawPixels: { linear: 0.85, knn: 0.9 } };
  await writeFile(
    join(directory, 'evaluation.json'),
    JSON.stringify({ method: 'simclr', dataset: 'mnist', probeTrainCount: 1000, testCount: 500, results }),
  );
  await writeFile(join(directory, 'projection.json'), JSON.stringify(projection()));
  await writeFile(join(directory, 'augmented-views.png'), await augmentedViewsPng());
}

/** One bar of the probe chart: its series, its value, and the colour painted at its middle. */
interface ProbeBar {
  encoder: string;
  value: number;
  fill: string;
  painted: string;
}

interface OpenedReport {
  charts: number | undefined;
  painted: Record<string, number>;
  probeBars: ProbeBar[];
  text: string;
  imageWidth: number;
  problems: string[];
  foreignRequests: string[];
}

describe('renderReport in a headless browser', () => {
  let root: string;
  let browser: Browser;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'selfsup-report-'));
    browser = await launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function open(path: string): Promise<OpenedReport> {
    const page = await browser.newPage();
    const url = pathToFileURL(path).href;
    const problems: string[] = [];
    const foreignRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() === url || request.url().startsWith('data:')) return void request.continue();
      foreignRequests.push(request.url());
      return void request.abort();
    });
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    const ids = Object.values(REPORT_CHART_IDS);
    const opened = await page.evaluate(
      (chartIds: string[], probesId: string) => {
        const painted: Record<string, number> = {};
        for (const id of chartIds) {
          const canvas = document.getElementById(id) as HTMLCanvasElement | null;
          if (!canvas) continue;
          const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
          painted[id] = count;
        }
        const report = (window as unknown as { __selfsupReport?: { charts: number } }).__selfsupReport;
        const image = document.querySelector('img.views') as HTMLImageElement | null;
        // Every bar of the probe chart, with the pixel at its middle (canvas pixels = CSS pixels x devicePixelRatio).
        const probeBars: { encoder: string; value: number; fill: string; painted: string }[] = [];
        const probeCanvas = document.getElementById(probesId) as HTMLCanvasElement | null;
        type BarChart = {
          data: { datasets: { label: string; data: number[]; backgroundColor: string }[] };
          getDatasetMeta(i: number): { data: { x: number; y: number; base: number }[] };
        };
        const chart =
          probeCanvas && (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): BarChart | undefined } }).Chart.getChart(probeCanvas);
        if (probeCanvas && chart) {
          const context = probeCanvas.getContext('2d')!;
          chart.data.datasets.forEach((dataset, i) => {
            chart.getDatasetMeta(i).data.forEach((bar, j) => {
              const [x, y] = [bar.x * devicePixelRatio, ((bar.y + bar.base) / 2) * devicePixelRatio];
              const pixel = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
              const painted = `#${Array.from(pixel.slice(0, 3), (v) => v.toString(16).padStart(2, '0')).join('')}`;
              probeBars.push({ encoder: dataset.label, value: dataset.data[j], fill: dataset.backgroundColor, painted });
            });
          });
        }
        return {
          charts: report?.charts,
          painted,
          probeBars,
          text: document.querySelector('main')?.textContent ?? '',
          imageWidth: image?.naturalWidth ?? 0,
        };
      },
      ids,
      REPORT_CHART_IDS.probes,
    );
    await page.close();
    return { ...opened, problems, foreignRequests };
  }

  it('draws every chart of a complete run, offline and without errors', async () => {
    const directory = await mkdtemp(join(root, 'full-'));
    await writeFullRun(directory);
    const html = await renderReport(directory);
    expect(html.length).toBeLessThan(400_000);
    expect(html.includes('<script>alert'), 'unescaped config value').toBe(false);
    expect(html.match(/(src|href)="(https?:)?\/\/[^"]*"/g), 'external resources').toBeNull();
    const report = await open(await writeReport(directory));

    expect(report.problems).toEqual([]);
    expect(report.foreignRequests).toEqual([]);
    expect(report.charts).toBe(6);
    expect(Object.keys(report.painted).sort()).toEqual(Object.values(REPORT_CHART_IDS).sort());
    for (const [id, painted] of Object.entries(report.painted)) expect(painted, id).toBeGreaterThan(500);
    expect(report.imageWidth).toBe(224);
    expect(report.text).toContain('simclr on mnist');
    expect(report.text).toContain('+12.3 points');
    expect(report.text).toContain(HOSTILE);
    expect(report.text).not.toMatch(/not available/);
    // Three bars per probe (pretrained, random init, raw pixels), each painted in its colour.
    expect(report.probeBars.map((bar) => [bar.encoder, Number(bar.value.toFixed(1))])).toEqual([
      ['pretrained', 91.2],
      ['pretrained', 93.4],
      ['random init', 78.9],
      ['random init', 80.1],
      ['raw pixels', 85],
      ['raw pixels', 90],
    ]);
    for (const bar of report.probeBars) expect(bar.painted, `${bar.encoder} ${bar.value}`).toBe(bar.fill);
    expect(report.text).toContain('On the raw pixels: 85.0% linear');
  });

  it('draws two bars per probe for an evaluation.json written before the raw-pixel baseline', async () => {
    const directory = await mkdtemp(join(root, 'old-evaluation-'));
    await writeFile(join(directory, 'config.json'), JSON.stringify(config));
    await writeFile(join(directory, 'metrics.jsonl'), metricsLines(false));
    const results = { pretrained: { linear: 0.912, knn: 0.934 }, randomInit: { linear: 0.789, knn: 0.801 } };
    await writeFile(
      join(directory, 'evaluation.json'),
      JSON.stringify({ method: 'simclr', dataset: 'mnist', probeTrainCount: 1000, testCount: 500, results }),
    );
    const report = await open(await writeReport(directory));

    expect(report.problems).toEqual([]);
    expect(report.charts).toBe(3);
    expect(report.probeBars.map((bar) => bar.encoder)).toEqual(['pretrained', 'pretrained', 'random init', 'random init']);
    for (const bar of report.probeBars) expect(bar.painted, `${bar.encoder} ${bar.value}`).toBe(bar.fill);
    expect(report.text).not.toContain('raw pixels');
  });

  it('says which sections are not available for a run without evaluation, projection or views', async () => {
    const directory = await mkdtemp(join(root, 'partial-'));
    await writeFile(join(directory, 'config.json'), JSON.stringify({ method: 'byol', dataset: 'emoji' }));
    await writeFile(join(directory, 'metrics.jsonl'), metricsLines(false));
    const report = await open(await writeReport(directory));

    expect(report.problems).toEqual([]);
    expect(report.foreignRequests).toEqual([]);
    expect(report.charts).toBe(2);
    expect(Object.keys(report.painted).sort()).toEqual([REPORT_CHART_IDS.learningRate, REPORT_CHART_IDS.loss].sort());
    for (const [id, painted] of Object.entries(report.painted)) expect(painted, id).toBeGreaterThan(500);
    expect(report.text).toContain('byol on emoji');
    expect(report.text).toContain('Probe accuracies are not available: evaluation.json is missing');
    expect(report.text).toContain('The projection is not available: projection.json is missing');
    expect(report.text).toContain('Collapse monitors are not available');
    expect(report.text).toContain('No augmented views: augmented-views.png is missing');
  });
  it("shows a text run's validation loss with the training loss, and its samples escaped, without image sections", async () => {
    const directory = await mkdtemp(join(root, 'text-'));
    await writeFile(
      join(directory, 'config.json'),
      JSON.stringify({ method: 'gpt', dataset: 'moby-dick', modality: 'text', tokenizer: 'character' }),
    );
    const lines = Array.from({ length: 40 }, (_, i) => {
      const step = i + 1;
      const evaluation = step % 10 === 0 ? { validationLoss: 3.2 - step / 40 } : undefined;
      return JSON.stringify({ step, loss: 3.5 - step / 30, learningRate: 1e-3, nextToken: 3.5 - step / 30, ...(evaluation ? { evaluation } : {}) });
    });
    await writeFile(join(directory, 'metrics.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(
      join(directory, 'validation.json'),
      JSON.stringify({ loss: 2.2, perplexity: Math.exp(2.2), sequences: 2048, batches: 32, step: 40 }),
    );
    const samples = [10, 20, 30, 40].map((step) => JSON.stringify({ step, prompt: 'Call me', text: ` Ishmael ${HOSTILE} at ${step}` }));
    // A torn last line (a crash mid-write) is left out.
    await writeFile(join(directory, 'samples.jsonl'), `${samples.join('\n')}\n{"step":50,"pro`);
    const html = await renderReport(directory);
    expect(html.includes('<script>alert'), 'unescaped sample').toBe(false);
    const report = await open(await writeReport(directory));

    expect(report.problems).toEqual([]);
    expect(report.foreignRequests).toEqual([]);
    expect(report.charts).toBe(3);
    expect(report.text).toContain('gpt on moby-dick');
    expect(report.text).toContain('Training and validation loss');
    expect(report.text).toContain('In red, the loss on held-out documents at the 4 evaluated steps');
    expect(report.text).toMatch(/Validation loss\s*2\.2\s*nats per character; perplexity 9\.03/);
    expect(report.text).toContain(`Call me Ishmael ${HOSTILE} at 40`);
    expect(report.text.indexOf('at 40')).toBeLessThan(report.text.indexOf('at 10'));
    expect(report.text).not.toContain('at 50');
    expect(report.text).not.toMatch(/Probe accuracies|Collapse monitors|augmented views|projection/i);
  });
});
