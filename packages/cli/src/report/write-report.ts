import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderReport } from './render-report.js';
import { RUN_FILES } from './run-files.js';

/**
 * Renders a run's report and writes it to DIR/report.html atomically: into a temporary
 * file beside it, then renamed over it, so a reader never sees half a page and a failed
 * render leaves the previous report in place. `warn` receives what was left out of a
 * damaged file (see `renderReport`).
 *
 * @param runDirectory The folder `selfsup pretrain` wrote.
 * @returns The absolute path of report.html.
 * @throws RunFileError when the run cannot be read (see `readRun`).
 *
 * @example
 * const path = await writeReport('runs/simclr-mnist');
 * console.log(`open ${path}`);
 */
export async function writeReport(runDirectory: string, options: { warn?: (line: string) => void } = {}): Promise<string> {
  const directory = resolve(runDirectory);
  const html = await renderReport(directory, options);
  const path = join(directory, RUN_FILES.report);
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, html, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}
