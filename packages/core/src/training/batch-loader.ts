import * as tf from '../tf.js';
import { createRandom } from '../random/seeded-random.js';
import { deriveSeed } from '../random/derive-seed.js';
import { shuffleInPlace } from '../random/shuffle.js';

/** Where the trainer starts reading a data source. */
export interface BatchRequest {
  epoch: number;
  /** The run seed: a source that shuffles derives its order from (seed, epoch). */
  seed: number;
  /** Batches of this epoch already consumed before a resume; the source starts after them. */
  startBatch: number;
}

/**
 * A source of batches the trainer can restart at any point: one epoch at a time, from a
 * given batch. That is what lets a resumed run see exactly the batches it would have seen.
 */
export interface BatchSource<Batch> {
  epoch(request: BatchRequest): AsyncIterable<Batch> | Iterable<Batch>;
  /** Batches per epoch, if known (needed to train for a number of epochs with a progress bar). */
  batchesPerEpoch?: number;
}

export interface BatchLoaderOptions<Batch> {
  /** Number of examples. */
  size: number;
  batchSize: number;
  /** Builds one batch from example indices (may read files; may be async). */
  load: (indices: number[], request: BatchRequest & { batch: number }) => Batch | Promise<Batch>;
  /** Shuffle every epoch with a permutation seeded from (seed, epoch). Default true. */
  shuffle?: boolean;
  /** Drop the last incomplete batch. Default true (contrastive losses want full batches). */
  dropLast?: boolean;
  /** Batches loaded ahead of the one being trained on. Default 2. */
  prefetch?: number;
  /** Frees a prefetched batch that will not be used (a run that stops early). Default: tf.dispose. */
  dispose?: (batch: Batch) => void;
}

/**
 * A seeded, shuffling, prefetching batch loader over `size` examples. Only the indices
 * live in memory; `load` fetches each batch's examples, `prefetch` batches ahead, while
 * the previous step trains.
 *
 * @example
 * const source = batchLoader({
 *   size: images.count, batchSize: 256,
 *   load: (indices) => tf.tensor4d(gather(images, indices), [indices.length, 28, 28, 1]),
 * });
 * await train({ method, data: source, ... });
 */
export function batchLoader<Batch>(options: BatchLoaderOptions<Batch>): BatchSource<Batch> {
  const { size, batchSize } = options;
  if (!Number.isInteger(size) || size <= 0) throw new Error(`batchLoader: size must be a positive integer, got ${size}`);
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new Error(`batchLoader: batchSize must be a positive integer, got ${batchSize}`);
  }
  const dropLast = options.dropLast ?? true;
  if (dropLast && batchSize > size) {
    throw new Error(`batchLoader: batchSize ${batchSize} is larger than the ${size} examples (and dropLast is on)`);
  }
  const batchesPerEpoch = dropLast ? Math.floor(size / batchSize) : Math.ceil(size / batchSize);
  const prefetch = Math.max(0, options.prefetch ?? 2);

  return {
    batchesPerEpoch,
    async *epoch(request: BatchRequest) {
      const order = Array.from({ length: size }, (_, i) => i);
      if (options.shuffle ?? true) shuffleInPlace(order, createRandom(deriveSeed(request.seed, request.epoch)));
      const loadBatch = (batch: number) => {
        const loading = (async () => options.load(order.slice(batch * batchSize, Math.min(size, (batch + 1) * batchSize)), { ...request, batch }))();
        // A batch loaded ahead that fails is reported when its turn comes (awaited below),
        // never as an unhandled rejection that kills the process meanwhile.
        loading.catch(() => {});
        return loading;
      };
      const pending: Promise<Batch>[] = [];
      let next = request.startBatch;
      while (pending.length <= prefetch && next < batchesPerEpoch) pending.push(loadBatch(next++));
      try {
        while (pending.length > 0) {
          const batch = await pending.shift()!;
          if (next < batchesPerEpoch) pending.push(loadBatch(next++));
          yield batch;
        }
      } finally {
        // The consumer stopped early: free what was loaded ahead.
        const dispose = options.dispose ?? ((batch: Batch) => tf.dispose(batch as tf.TensorContainer));
        for (const settled of await Promise.allSettled(pending)) if (settled.status === 'fulfilled') dispose(settled.value);
      }
    },
  };
}
