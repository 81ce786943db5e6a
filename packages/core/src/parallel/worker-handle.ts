import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

/** One worker thread of `ParallelReplicas` and the replies it is waited for. */
export interface WorkerHandle {
  worker: Worker;
  /** Shared flag the worker blocks on until the upstream gradient is posted. */
  control: Int32Array;
  gradientPort: MessagePort;
  waiting: Map<string, { resolve: (message: never) => void; reject: (error: Error) => void }>;
  failure?: Error;
}

/** What a replica worker builds, as `ParallelReplicas.create` was told. */
export interface ReplicaWorkerSetup {
  module: string;
  exportName: string;
  options: unknown;
  backend: 'wasm' | 'cpu' | 'tensorflow' | 'auto';
}

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
 * Starts one replica worker thread (replica-worker.ts/.js beside this file) and routes its
 * replies to whoever waits for them; an error in the worker rejects every waiter.
 *
 * @example
 * const handle = startReplicaWorker({ module: url, exportName: 'createReplica', options: {}, backend: 'wasm' });
 */
export function startReplicaWorker(setup: ReplicaWorkerSetup): WorkerHandle {
  const sourceCheckout = import.meta.url.endsWith('.ts');
  const control = new SharedArrayBuffer(4);
  const channel = new MessageChannel();
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    // From the TypeScript sources (tests, the monorepo's own scripts), sibling packages resolve to theirs too.
    ...(sourceCheckout && !process.execArgv.some((a) => a.endsWith(SOURCE_CONDITION))
      ? { execArgv: [...process.execArgv, `--conditions=${SOURCE_CONDITION}`] }
      : {}),
    workerData: {
      ...setup,
      entry: new URL(sourceCheckout ? './replica-worker.ts' : './replica-worker.js', import.meta.url).href,
      loader: sourceCheckout ? resolveTsxLoader() : undefined,
      control,
      gradientPort: channel.port2,
    },
    transferList: [channel.port2],
  });
  const handle: WorkerHandle = { worker, control: new Int32Array(control), gradientPort: channel.port1, waiting: new Map() };
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') return failWorker(handle, new Error(`ParallelReplicas worker: ${message.message}`));
    const waiter = handle.waiting.get(message.type);
    handle.waiting.delete(message.type);
    waiter?.resolve(message as never);
  });
  worker.on('error', (error) => failWorker(handle, error));
  return handle;
}

/** Marks a worker as failed and rejects everything waiting for it. */
function failWorker(handle: WorkerHandle, error: Error): void {
  handle.failure = error;
  for (const waiter of handle.waiting.values()) waiter.reject(error);
  handle.waiting.clear();
}

/** tsx's ESM registration entry, so that workers of a TypeScript source checkout can load .ts modules. */
function resolveTsxLoader(): string {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}
