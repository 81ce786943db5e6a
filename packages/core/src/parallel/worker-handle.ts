import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { startModuleWorker } from './start-module-worker.js';

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

/**
 * Starts one replica worker thread (replica-worker.ts/.js beside this file) and routes its
 * replies to whoever waits for them; an error in the worker rejects every waiter.
 *
 * @example
 * const handle = startReplicaWorker({ module: url, exportName: 'createReplica', options: {}, backend: 'wasm' });
 */
export function startReplicaWorker(setup: ReplicaWorkerSetup): WorkerHandle {
  const control = new SharedArrayBuffer(4);
  const channel = new MessageChannel();
  const worker = startModuleWorker(
    import.meta.url,
    'replica-worker',
    { ...setup, control, gradientPort: channel.port2 },
    { transferList: [channel.port2] },
  );
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
