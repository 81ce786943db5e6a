import * as tf from '../tf.js';
import { assertInteger } from '../validation/index.js';
import type { FeatureMatrix } from './feature-matrix.js';

/** Defaults of `extractEmbeddings`. */
export const EXTRACT_EMBEDDINGS_DEFAULTS = Object.freeze({
  /** Rows per forward pass (inference keeps no activations for backward, so batches can be large). */
  batchSize: 256,
});

/** An encoder to evaluate: a Layers model (run with `training: false`) or a function of a batch. */
export type Encoder = tf.LayersModel | ((batch: tf.Tensor) => tf.Tensor);

export interface ExtractEmbeddingsOptions {
  /** Rows per forward pass (larger tensors and iterable items are split). Default 256. */
  batchSize?: number;
  /**
   * Dispose every tensor the iterable yields once it has been encoded: set it when the
   * iterable creates its batches (a generator), so they do not leak. Default false: the
   * caller's tensors are never disposed (a single tensor input never is).
   */
  disposeInputs?: boolean;
}

const FN = 'extractEmbeddings';

/**
 * Runs a frozen encoder over inputs in batches and collects the flattened outputs as a
 * FeatureMatrix (row i = embedding of input row i, in input order).
 *
 * Each batch runs inside tf.tidy and is copied to JavaScript memory before the next one,
 * so backend memory holds one batch at a time and nothing leaks. A LayersModel runs in
 * inference mode (`apply(batch, {training: false})`: dropout off, batch norm on its moving
 * statistics); a function encoder must do the same itself. Outputs of rank > 2 are
 * flattened to [batch, features].
 *
 * The result is a FeatureMatrix rather than a tf.Tensor2D: features of a whole data set
 * (60,000 x 512 = 123 MB) then cost no backend memory, survive any tidy scope and feed
 * knnEvaluate, linearProbe, the collapse monitors and KMeans directly.
 *
 * Reference: the frozen-feature protocol of kNN and linear evaluation (Wu et al. 2018,
 * "Unsupervised Feature Learning via Non-Parametric Instance Discrimination"; lightly and
 * solo-learn benchmarks).
 *
 * @param encoder A tf.LayersModel or `(batch) => embeddings`.
 * @param inputs One tensor [N, ...] (split along axis 0), or an iterable / async iterable
 *   of batches [B_i, ...] (for instance a generator that loads images).
 * @param options `batchSize` (default 256), `disposeInputs` (default false).
 * @returns `{ values, count, dimension }` with count = total rows.
 *
 * @example
 * const features = await extractEmbeddings(backbone, images, { batchSize: 512 });
 * // features.count === images.shape[0]; features.values.length === count * dimension
 */
export async function extractEmbeddings(
  encoder: Encoder,
  inputs: tf.Tensor | Iterable<tf.Tensor> | AsyncIterable<tf.Tensor>,
  options: ExtractEmbeddingsOptions = {},
): Promise<FeatureMatrix> {
  const batchSize = options.batchSize ?? EXTRACT_EMBEDDINGS_DEFAULTS.batchSize;
  assertInteger(FN, 'options.batchSize', batchSize, 1);
  const run = toRunner(encoder);
  const collector = new RowCollector();

  if (inputs instanceof tf.Tensor) {
    if (inputs.rank < 1 || inputs.shape[0] === 0) {
      throw new Error(`${FN}: inputs must be a tensor [N, ...] with N >= 1, got shape [${inputs.shape.join(', ')}]`);
    }
    await encodeTensor(run, inputs, batchSize, collector);
  } else if (inputs !== null && typeof inputs === 'object' && (Symbol.asyncIterator in inputs || Symbol.iterator in inputs)) {
    let index = 0;
    for await (const batch of inputs as AsyncIterable<tf.Tensor>) {
      if (!(batch instanceof tf.Tensor) || batch.rank < 1) {
        throw new Error(
          `${FN}: item ${index} of inputs must be a tf.Tensor [B, ...], got ${batch instanceof tf.Tensor ? `shape [${batch.shape}]` : typeof batch}`,
        );
      }
      try {
        await encodeTensor(run, batch, batchSize, collector);
      } finally {
        if (options.disposeInputs) batch.dispose();
      }
      index++;
    }
  } else {
    throw new Error(`${FN}: inputs must be a tf.Tensor or an (async) iterable of tf.Tensor batches, got ${inputs === null ? 'null' : typeof inputs}`);
  }
  if (collector.count === 0) throw new Error(`${FN}: inputs yielded no rows`);
  return collector.finish();
}

function toRunner(encoder: Encoder): (batch: tf.Tensor) => tf.Tensor {
  if (typeof encoder === 'function') return encoder;
  if (encoder !== null && typeof encoder === 'object' && typeof (encoder as tf.LayersModel).apply === 'function') {
    return (batch) => {
      const output = encoder.apply(batch, { training: false });
      if (Array.isArray(output)) {
        throw new Error(`${FN}: encoder must have one output, got ${output.length}`);
      }
      return output as tf.Tensor;
    };
  }
  throw new Error(`${FN}: encoder must be a tf.LayersModel or a function of a batch, got ${encoder === null ? 'null' : typeof encoder}`);
}

async function encodeTensor(run: (batch: tf.Tensor) => tf.Tensor, inputs: tf.Tensor, batchSize: number, collector: RowCollector): Promise<void> {
  const total = inputs.shape[0];
  const rowShape = inputs.shape.slice(1);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  // Batches are cut from the values in JavaScript: on wasm, tf.slice copies its whole
  // source tensor, so slicing batch after batch out of a big input is quadratic.
  const numeric = inputs.dtype === 'float32' || inputs.dtype === 'int32' || inputs.dtype === 'bool';
  const inputValues = numeric && total > batchSize ? (inputs.dataSync() as Float32Array | Int32Array | Uint8Array) : null;
  for (let start = 0; start < total; start += batchSize) {
    const size = Math.min(batchSize, total - start);
    const embeddings = tf.tidy(() => {
      let batch: tf.Tensor; // [B, ...]
      if (size === total) batch = inputs;
      else if (inputValues) batch = tf.tensor(inputValues.subarray(start * rowSize, (start + size) * rowSize), [size, ...rowShape], inputs.dtype);
      else batch = tf.slice(inputs, start, size);
      const output = run(batch);
      if (!(output instanceof tf.Tensor) || output.rank < 1 || output.shape[0] !== size) {
        const got = output instanceof tf.Tensor ? `shape [${output.shape.join(', ')}]` : typeof output;
        throw new Error(`${FN}: encoder must return one row per input row ([${size}, ...]), got ${got}`);
      }
      return tf.reshape(output, [size, -1]) as tf.Tensor2D; // [B, D]
    });
    // Read outside tidy: tidy would otherwise walk the returned typed array.
    const rows = (await embeddings.data()) as Float32Array;
    const dimension = embeddings.shape[1];
    embeddings.dispose();
    collector.add(rows, size, dimension);
  }
}

/** Appends batches of rows; checks that every batch has the same width. */
class RowCollector {
  count = 0;
  private dimension = -1;
  private readonly chunks: Float32Array[] = [];

  add(values: Float32Array, rows: number, dimension: number): void {
    if (this.dimension === -1) this.dimension = dimension;
    if (dimension !== this.dimension) {
      throw new Error(`${FN}: encoder output width changed from ${this.dimension} to ${dimension} between batches`);
    }
    this.chunks.push(values);
    this.count += rows;
  }

  finish(): FeatureMatrix {
    const values = new Float32Array(this.count * this.dimension);
    let offset = 0;
    for (const chunk of this.chunks) {
      values.set(chunk, offset);
      offset += chunk.length;
    }
    return { values, count: this.count, dimension: this.dimension };
  }
}
