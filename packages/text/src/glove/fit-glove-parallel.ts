import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { assertInteger } from '@selfsup/core';
import { startModuleWorker } from '@selfsup/core/node';
import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { checkMatrix, checkParameters, type FitGloveResult } from './fit-glove.js';
import { gloveEpochOrder } from './glove-epoch-order.js';
import { type FitGloveOptions, resolveGloveOptions } from './glove-options.js';
import { GloveParameters } from './glove-parameters.js';
import type { GloveWorkerData } from './glove-worker-data.js';

/** Options of `fitGloveParallel`. */
export interface FitGloveParallelOptions extends FitGloveOptions {
  /** Worker threads. Default: the number of cores (`os.availableParallelism()`). */
  threads?: number;
}

/**
 * `fitGlove` on several worker threads, as glove.c's pthreads: the parameters, the matrix
 * and each epoch's shuffled order live on SharedArrayBuffers, each thread runs the same
 * AdaGrad steps on its contiguous slice of the order, and the threads update the shared
 * parameters without locks (Hogwild, Recht et al. 2011). Node only. With `threads: 1` the
 * result is `fitGlove`'s exactly; with more, the races make runs differ slightly (as
 * glove.c's do). The matrix is copied once onto shared memory.
 *
 * @example
 * const { parameters, costs } = await fitGloveParallel(matrix, { threads: 4, epochs: 25, onEpoch: (p) => console.log(p.epoch, p.cost) });
 */
export async function fitGloveParallel(matrix: CooccurrenceMatrix, options: FitGloveParallelOptions = {}): Promise<FitGloveResult> {
  const caller = 'fitGloveParallel';
  const resolved = resolveGloveOptions(caller, options);
  checkMatrix(caller, matrix);
  const threads = options.threads ?? availableParallelism();
  assertInteger(caller, 'options.threads', threads, 1);
  const { vocabSize } = matrix;
  const { vectorSize } = resolved;
  if (options.parameters) checkParameters(caller, options.parameters, matrix, vectorSize);
  const buffer = new SharedArrayBuffer(GloveParameters.bytes(vocabSize, vectorSize));
  const shared = GloveParameters.random(vocabSize, vectorSize, resolved.seed, buffer);
  if (options.parameters) {
    shared.weights.set(options.parameters.weights);
    shared.gradsq.set(options.parameters.gradsq);
  }
  const count = matrix.values.length;
  const order = new Uint32Array(new SharedArrayBuffer(count * 4));
  const data: GloveWorkerData = {
    vocabSize,
    step: { vectorSize, xMax: resolved.xMax, alpha: resolved.alpha, learningRate: resolved.learningRate, gradientClip: resolved.gradientClip },
    parameters: buffer,
    rows: toShared(matrix.rows),
    columns: toShared(matrix.columns),
    values: toShared(matrix.values),
    order: order.buffer as SharedArrayBuffer,
  };
  const costs: number[] = [];
  const workers: Worker[] = [];
  try {
    if (resolved.epochs > 0) for (let t = 0; t < Math.min(threads, count); t++) workers.push(startWorker(data));
    await Promise.all(workers.map((worker) => reply(worker)));
    for (let e = 0; e < resolved.epochs; e++) {
      const started = performance.now();
      gloveEpochOrder(count, resolved.seed, resolved.firstEpoch + e, order);
      const sums = await Promise.all(
        workers.map((worker, t) => {
          worker.postMessage({ start: Math.floor((count * t) / workers.length), end: Math.floor((count * (t + 1)) / workers.length) });
          return reply(worker);
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const cost = sums.reduce((sum, value) => sum + value, 0) / count;
      costs.push(cost);
      resolved.onEpoch?.({ epoch: e + 1, epochs: resolved.epochs, cost, entriesPerSecond: count / Math.max(seconds, 1e-9), seconds });
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (options.parameters) {
    options.parameters.weights.set(shared.weights);
    options.parameters.gradsq.set(shared.gradsq);
    return { parameters: options.parameters, costs };
  }
  return { parameters: shared, costs };
}

/** A copy of `array` on a SharedArrayBuffer. */
function toShared(array: Int32Array | Float64Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return buffer;
}

/** Starts one worker thread on glove-worker.ts/.js beside this file. */
function startWorker(data: GloveWorkerData): Worker {
  return startModuleWorker(import.meta.url, 'glove-worker', data as unknown as Record<string, unknown>);
}

/** The worker's next reply: its cost, or 0 for 'ready'; rejects when it fails or exits. */
function reply(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string; cost?: number; message?: string }) => {
      cleanup();
      if (message.type === 'error') reject(new Error(`fitGloveParallel worker: ${message.message}`));
      else resolve(message.cost ?? 0);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new Error(`fitGloveParallel worker: ${error.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`fitGloveParallel worker: exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
