import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The export condition under which the monorepo's packages resolve to their TypeScript sources. */
const SOURCE_CONDITION = '@selfsup/source';

// Runs the worker module; from a TypeScript source checkout it first registers tsx.
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})().catch((error) => parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) }));
`;

/**
 * Starts `module` (a file beside this one, named without its extension) on a worker thread
 * with `data` as its `workerData`: the .js file from the built package, the .ts file with tsx
 * registered from the sources (tests, the monorepo's scripts), as core's parallel replicas do.
 *
 * @example
 * const worker = startWorker('word2vec-worker', { kernel, slot: 0 });
 */
export function startWorker(module: string, data: Record<string, unknown>): Worker {
  const sourceCheckout = import.meta.url.endsWith('.ts');
  return new Worker(BOOTSTRAP, {
    eval: true,
    ...(sourceCheckout && !process.execArgv.some((argument) => argument.endsWith(SOURCE_CONDITION))
      ? { execArgv: [...process.execArgv, `--conditions=${SOURCE_CONDITION}`] }
      : {}),
    workerData: {
      ...data,
      entry: new URL(`./${module}${sourceCheckout ? '.ts' : '.js'}`, import.meta.url).href,
      loader: sourceCheckout ? resolveTsxLoader() : undefined,
    },
  });
}

/** tsx's ESM registration entry, so that workers of a TypeScript source checkout can load .ts modules. */
function resolveTsxLoader(): string {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}
