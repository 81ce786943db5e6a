// A worker thread of `fitGloveParallel`: on each { start, end } message, runs glove.c's
// AdaGrad steps on its slice of the epoch's order, on the parameters every thread shares
// (Hogwild: no locks, as glove.c's pthreads), and replies with the slice's cost.
import { parentPort, workerData } from 'node:worker_threads';
import { gloveEpochSlice } from './glove-epoch-slice.js';
import type { GloveWorkerData } from './glove-worker-data.js';

const data = workerData as GloveWorkerData;
const length = 2 * data.vocabSize * (data.step.vectorSize + 1);
const weights = new Float64Array(data.parameters, 0, length);
const gradsq = new Float64Array(data.parameters, length * 8, length);
const matrix = {
  vocabSize: data.vocabSize,
  rows: new Int32Array(data.rows),
  columns: new Int32Array(data.columns),
  values: new Float64Array(data.values),
};
const order = new Uint32Array(data.order);

parentPort!.on('message', ({ start, end }: { start: number; end: number }) => {
  try {
    parentPort!.postMessage({ type: 'done', cost: gloveEpochSlice(weights, gradsq, data.vocabSize, matrix, order, start, end, data.step) });
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: String((error as Error)?.stack ?? error) });
  }
});
parentPort!.postMessage({ type: 'ready' });
