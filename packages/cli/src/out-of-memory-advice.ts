/** What the wasm backend (a 32-bit heap of at most 4 GiB) and V8 say when a step does not fit in memory. */
const OUT_OF_MEMORY = /memory access out of bounds|Array buffer allocation failed|Out of memory|Invalid typed array length|Aborted\(OOM\)/i;

/**
 * A step that ran out of memory as `selfsup pretrain` reports it: one line with the batch,
 * the image size and what to change, instead of the backend's `memory access out of bounds`.
 * The wasm backend's heap is at most 4 GiB per thread, whatever the machine has; its
 * activations grow with batch size × image side² (times the views of the method). Other
 * errors are returned as they are.
 *
 * @example
 * throw outOfMemoryAdvice(error, { batchSize: 256, imageShape: [1024, 1024, 1], workers: 2 });
 * // selfsup: a step of 256 images of 1024x1024x1 (128 per worker) does not fit in memory ...
 */
export function outOfMemoryAdvice(error: unknown, run: { batchSize: number; imageShape: readonly number[]; workers: number }): unknown {
  const message = String((error as Error)?.message ?? error);
  if (!OUT_OF_MEMORY.test(message)) return error;
  const perWorker = run.workers > 1 ? ` (${Math.ceil(run.batchSize / run.workers)} per worker)` : '';
  const smaller = Math.max(1, Math.floor(run.batchSize / 4));
  return new Error(
    `a step of ${run.batchSize} images of ${run.imageShape.join('x')}${perWorker} does not fit in memory (${message.split('\n')[0]}); ` +
      `the wasm backend has at most 4 GiB per thread: lower --batch-size (e.g. ${smaller}) or --image-size, or use more --workers`,
  );
}
