import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: Promise<string> | undefined;

/**
 * The source of Chart.js's UMD bundle (chart.umd.min.js, ~200 KB; it defines
 * `window.Chart`), read once from the installed chart.js package, so that the report
 * works offline. chart.js exports no subpath for the file, so it is found beside the
 * package's CommonJS entry.
 *
 * @example
 * const source = await loadChartBundle();
 * html += `<script>${scriptForInline(source)}</script>`;
 */
export function loadChartBundle(): Promise<string> {
  cached ??= readFile(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'), 'utf8').catch((error: Error) => {
    cached = undefined;
    throw new Error(`cannot read Chart.js's UMD bundle from the chart.js package (${error.message})`);
  });
  return cached;
}
