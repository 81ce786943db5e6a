// Screenshots a run's HTML report with headless Chromium, as a compressed PNG for docs
// and pull requests. Writes DIR/report.html first when it is missing.
//
//   node --conditions=@selfsup/source --import tsx/esm scripts/screenshot-report.ts <runDir> <out.png>
//
// Chromium: /usr/bin/chromium, or the path in CHROMIUM_PATH.
import { access, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from 'puppeteer-core';
import sharp from 'sharp';
import { RUN_FILES, writeReport } from '../src/report/index.js';

/** Page width in CSS pixels: the report's column (1040 px) with a margin. */
const WIDTH = 1100;
/** The PNG should stay below this; fewer palette colours are tried until it does. */
const TARGET_BYTES = 400_000;
const PALETTE_COLOURS = [256, 128, 64, 32];

async function main(): Promise<void> {
  const [runArgument, outArgument] = process.argv.slice(2);
  if (!runArgument || !outArgument) {
    console.error('usage: screenshot-report.ts <runDir> <out.png>');
    process.exit(2);
  }
  const runDirectory = resolve(runArgument);
  const reportPath = join(runDirectory, RUN_FILES.report);
  const exists = await access(reportPath).then(
    () => true,
    () => false,
  );
  if (!exists) console.log(`wrote ${await writeReport(runDirectory)}`);

  const browser = await launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars'],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push((error as Error).message));
    await page.setViewport({ width: WIDTH, height: 900, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    // A string, not a function: tsx may wrap functions in helpers the page lacks.
    await page.waitForFunction('window.__selfsupReport !== undefined', { timeout: 15_000 });
    if (problems.length > 0) console.warn(`page errors:\n  ${problems.join('\n  ')}`);
    const screenshot = Buffer.from(await page.screenshot({ fullPage: true, type: 'png' }));
    const { data, colours } = await compress(screenshot);
    await writeFile(resolve(outArgument), data);
    const { width, height } = await sharp(data).metadata();
    console.log(`wrote ${resolve(outArgument)} (${width}x${height}, ${colours} colours, ${(data.length / 1024).toFixed(0)} KiB)`);
  } finally {
    await browser.close();
  }
}

/** A palette PNG, with fewer colours until it fits the target size. */
async function compress(screenshot: Buffer): Promise<{ data: Buffer; colours: number }> {
  let best = { data: screenshot, colours: 0 };
  for (const colours of PALETTE_COLOURS) {
    const data = await sharp(screenshot).png({ palette: true, colours, quality: 90, effort: 10, compressionLevel: 9, dither: 0.5 }).toBuffer();
    best = { data, colours };
    if (data.length <= TARGET_BYTES) break;
  }
  return best;
}

await main();
