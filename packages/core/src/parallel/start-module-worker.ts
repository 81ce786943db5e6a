import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The export condition under which the monorepo's packages resolve to their TypeScript sources. */
const SOURCE_CONDITION = '@selfsup/source';

// Runs the worker module; under a TypeScript source checkout it first registers tsx.
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})().catch((error) => parentPort.postMessage({ type: 'error', message: String((error && error.stack) || error) }));
`;

/**
 * Starts a worker thread on the module `name` beside `callerUrl` (the caller's
 * `import.meta.url`) with `data` as its `workerData`: the .js file from a built package, the
 * .ts file with tsx registered and the `@selfsup/source` condition on from the TypeScript
 * sources (tests, the monorepo's scripts). A failure to load the module is posted as
 * `{ type: 'error', message }`. The one way selfsup's packages start their workers
 * (`ParallelReplicas`, Word2Vec's and GloVe's threads).
 *
 * @example
 * const worker = startModuleWorker(import.meta.url, 'glove-worker', { slot: 0 });
 */
export function startModuleWorker(
  callerUrl: string,
  name: string,
  data: Record<string, unknown>,
  options: Pick<WorkerOptions, 'transferList'> = {},
): Worker {
  const sourceCheckout = callerUrl.endsWith('.ts');
  return new Worker(BOOTSTRAP, {
    eval: true,
    // From the TypeScript sources, sibling packages resolve to theirs too.
    ...(sourceCheckout && !process.execArgv.some((argument) => argument.endsWith(SOURCE_CONDITION))
      ? { execArgv: [...process.execArgv, `--conditions=${SOURCE_CONDITION}`] }
      : {}),
    workerData: {
      ...data,
      entry: new URL(`./${name}${sourceCheckout ? '.ts' : '.js'}`, callerUrl).href,
      loader: sourceCheckout ? resolveTsxLoader() : undefined,
    },
    ...options,
  });
}

/** tsx's ESM registration entry, so that workers of a TypeScript source checkout can load .ts modules. */
function resolveTsxLoader(): string {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}
