import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { splitSentenceRanges } from './encode-sentences.js';
import { word2vecSeed } from './fast-random.js';
import { prepareWord2Vec } from './prepare-word2vec.js';
import { startModuleWorker } from '@selfsup/core/node';
import { word2vecKernel } from './train-word2vec.js';
import { WordVectors } from './word-vectors.js';
import { resolveWord2VecOptions, type Word2VecOptions } from './word2vec-defaults.js';
import type { Word2VecPassResult } from './word2vec-kernel.js';
import type { Word2VecModel } from './word2vec-model.js';
import { ProgressReporter } from './word2vec-progress.js';
import type { Word2VecWorkerMessage, Word2VecWorkerSetup } from './word2vec-worker.js';

/** Options of `trainWord2VecParallel`: `trainWord2Vec`'s and the number of worker threads. */
export interface Word2VecParallelOptions extends Word2VecOptions {
  /** Worker threads. Default: the number of cores (`os.availableParallelism()`). */
  workers?: number;
}

/**
 * `trainWord2Vec` on worker threads (Node): the weights live on SharedArrayBuffers that
 * every worker updates without locks (Hogwild, as word2vec.c's and gensim's threads do);
 * worker w trains the w-th of `workers` consecutive slices of the sentences (about as many
 * words each) for every epoch, and the learning rate follows the words trained by all of
 * them. One worker gives exactly `trainWord2Vec`'s vectors for the same seed; more workers
 * are not reproducible (the threads' updates interleave), as in gensim.
 *
 * @example
 * const sentences = wordSentences(await loadSotu());
 * const model = await trainWord2VecParallel(sentences, { skipGram: true, workers: 2 });
 * model.vectors.mostSimilar('war', 5);
 */
export async function trainWord2VecParallel(
  sentences: readonly (readonly string[])[],
  options: Word2VecParallelOptions = {},
): Promise<Word2VecModel> {
  const fn = 'trainWord2VecParallel';
  const { workers: workerOption, ...rest } = options ?? {};
  const workers = workerOption ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`${fn}: options.workers must be an integer >= 1, got ${workers}`);
  const resolved = resolveWord2VecOptions(fn, rest);
  const prepared = prepareWord2Vec(fn, sentences, resolved, (length) => new Float32Array(new SharedArrayBuffer(length * 4)));
  const kernel = word2vecKernel({ ...prepared, sentences: shareSentences(prepared.sentences) }, resolved);
  const totalWords = prepared.sentences.totalRawWords * resolved.epochs;
  const progress = new Float64Array(new SharedArrayBuffer(workers * 8));
  const ranges = splitSentenceRanges(prepared.sentences.rawWords, workers);
  const shardWords = ranges.map(([first, end]) => prepared.sentences.rawWords.subarray(first, end).reduce((sum, words) => sum + words, 0));
  const results: Word2VecPassResult[][] = ranges.map(() => []);
  const started: Worker[] = [];
  try {
    const ready: Promise<void>[] = [];
    const finished: Promise<void>[] = [];
    for (let w = 0; w < workers; w++) {
      const setup: Word2VecWorkerSetup = {
        kernel,
        alpha: resolved.alpha,
        minAlpha: resolved.minAlpha,
        totalWords,
        progress,
        slot: w,
        first: ranges[w][0],
        end: ranges[w][1],
        epochs: resolved.epochs,
        randomState: word2vecSeed(resolved.seed, 1 + w),
      };
      const worker = startModuleWorker(import.meta.url, 'word2vec-worker', setup as unknown as Record<string, unknown>);
      started.push(worker);
      let markReady: () => void;
      ready.push(new Promise<void>((resolve) => (markReady = resolve)));
      finished.push(
        new Promise<void>((resolve, reject) => {
          worker.on('message', (message: Word2VecWorkerMessage) => {
            if (message.type === 'ready') markReady();
            else if (message.type === 'error') reject(new Error(`${fn}: worker ${w}: ${message.message}`));
            else if (message.type === 'epoch') {
              results[w].push(message.result);
              if (results[w].length === resolved.epochs) resolve();
            }
          });
          worker.on('error', (error) => reject(new Error(`${fn}: worker ${w}: ${error.message}`)));
          worker.on('exit', (code) => reject(new Error(`${fn}: worker ${w} exited with code ${code} before the last epoch`)));
        }),
      );
    }
    // A worker that fails before it is ready rejects `finished`, which must not wait for `ready`.
    await Promise.race([Promise.all(ready), Promise.all(finished)]);
    const reporter = new ProgressReporter(options.onProgress, resolved.epochs, totalWords, resolved.alpha, resolved.minAlpha);
    const epochOf = () => Math.min(resolved.epochs - 1, ...progress.map((words, w) => Math.floor(words / Math.max(1, shardWords[w]))));
    const timer = setInterval(
      () =>
        reporter.report(
          progress.reduce((sum, words) => sum + words, 0),
          epochOf(),
        ),
      250,
    );
    try {
      for (const worker of started) worker.postMessage('start');
      await Promise.all(finished);
    } finally {
      clearInterval(timer);
    }
    const words = progress.reduce((sum, value) => sum + value, 0);
    reporter.report(words, resolved.epochs - 1, true);
    const seconds = reporter.seconds();
    const losses = resolved.computeLoss
      ? Array.from({ length: resolved.epochs }, (_, epoch) => {
          const loss = results.reduce((sum, worker) => sum + worker[epoch].loss, 0);
          const pairs = results.reduce((sum, worker) => sum + worker[epoch].pairs, 0);
          return pairs > 0 ? loss / pairs : 0;
        })
      : [];
    return {
      vectors: new WordVectors(prepared.vocabulary.words, resolved.dimension, prepared.input),
      vocabulary: prepared.vocabulary,
      outputVectors: prepared.output,
      options: resolved,
      losses,
      words,
      seconds,
      wordsPerSecond: seconds > 0 ? words / seconds : 0,
    };
  } finally {
    for (const worker of started) worker.removeAllListeners('exit');
    await Promise.all(started.map((worker) => worker.terminate()));
  }
}

/** The encoded sentences copied onto SharedArrayBuffers, so the workers share one copy. */
function shareSentences(sentences: ReturnType<typeof prepareWord2Vec>['sentences']): ReturnType<typeof prepareWord2Vec>['sentences'] {
  const share = (array: Int32Array) => {
    const shared = new Int32Array(new SharedArrayBuffer(Math.max(4, array.byteLength)), 0, array.length);
    shared.set(array);
    return shared;
  };
  return { ...sentences, ids: share(sentences.ids), starts: share(sentences.starts), rawWords: share(sentences.rawWords) };
}
