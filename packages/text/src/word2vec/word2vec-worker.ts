// A worker thread of trainWord2VecParallel: trains its slice of the sentences for every
// epoch on the shared weights (Hogwild, as word2vec.c's threads), then reports. Imports only
// the training loop, so it starts without TensorFlow.js.
import { parentPort, workerData } from 'node:worker_threads';
import { type Word2VecKernel, type Word2VecPassResult, trainPass } from './word2vec-kernel.js';

/** What trainWord2VecParallel sends each worker. */
export interface Word2VecWorkerSetup {
  kernel: Word2VecKernel;
  alpha: number;
  minAlpha: number;
  totalWords: number;
  progress: Float64Array;
  slot: number;
  first: number;
  end: number;
  epochs: number;
  randomState: number;
}

/** What a worker posts: `ready`, then one `epoch` per epoch, or `error`. */
export type Word2VecWorkerMessage =
  | { type: 'ready' }
  | { type: 'epoch'; epoch: number; result: Word2VecPassResult }
  | { type: 'error'; message: string };

const setup = workerData as Word2VecWorkerSetup;
const port = parentPort!;
port.once('message', () => {
  try {
    const schedule = { alpha: setup.alpha, minAlpha: setup.minAlpha, totalWords: setup.totalWords, progress: setup.progress, slot: setup.slot };
    const random = Uint32Array.of(setup.randomState);
    for (let epoch = 0; epoch < setup.epochs; epoch++) {
      const result = trainPass(setup.kernel, schedule, setup.first, setup.end, random);
      port.postMessage({ type: 'epoch', epoch, result } satisfies Word2VecWorkerMessage);
    }
  } catch (error) {
    port.postMessage({ type: 'error', message: String((error as Error)?.stack ?? error) } satisfies Word2VecWorkerMessage);
  }
});
port.postMessage({ type: 'ready' } satisfies Word2VecWorkerMessage);
