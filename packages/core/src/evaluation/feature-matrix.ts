import * as tf from '../tf.js';
import { assertDtype, describeValue } from '../validation/index.js';

/**
 * A row-major matrix of features kept in JavaScript memory: row i is
 * `values.subarray(i * dimension, (i + 1) * dimension)`.
 *
 * This is what `extractEmbeddings` returns: features of a whole data set outlive any
 * tf.tidy scope, cost no backend memory while they wait, and can be stored or sent as is.
 */
export interface FeatureMatrix {
  /** Shape [count * dimension], row-major. */
  values: Float32Array;
  /** Number of rows (examples). */
  count: number;
  /** Number of columns (feature size). */
  dimension: number;
}

/** Features as every evaluation function accepts them: a FeatureMatrix or a float32 tf.Tensor2D [N, D]. */
export type Features = FeatureMatrix | tf.Tensor2D;

/** Class labels as the evaluation functions accept them: integers in [0, numClasses). */
export type Labels = ArrayLike<number> | tf.Tensor1D;

function isTensor(value: unknown): value is tf.Tensor {
  return value instanceof tf.Tensor;
}

/**
 * Reads and checks features given as a FeatureMatrix or a tf.Tensor2D; a tensor is
 * read (not disposed). Errors start with `fn: name`.
 *
 * @example
 * const { values, count, dimension } = readFeatures('knnClassify', 'trainFeatures', features);
 */
export function readFeatures(fn: string, name: string, features: Features): FeatureMatrix {
  if (isTensor(features)) {
    const [count, dimension] = readShape(fn, name, features);
    return { values: features.dataSync() as Float32Array, count, dimension };
  }
  const candidate = features as Partial<FeatureMatrix> | null;
  if (candidate === null || typeof candidate !== 'object' || !(candidate.values instanceof Float32Array)) {
    throw new Error(
      `${fn}: ${name} must be a FeatureMatrix {values: Float32Array, count, dimension} or a tf.Tensor2D, got ${describeValue(features)}`,
    );
  }
  const { values, count, dimension } = candidate as FeatureMatrix;
  if (!Number.isInteger(count) || !Number.isInteger(dimension) || count < 0 || dimension < 0) {
    throw new Error(`${fn}: ${name}.count and ${name}.dimension must be non-negative integers, got ${count} and ${dimension}`);
  }
  if (values.length !== count * dimension) {
    throw new Error(
      `${fn}: ${name}.values must hold count * dimension = ${count} * ${dimension} = ${count * dimension} numbers, got ${values.length}`,
    );
  }
  assertNonEmpty(fn, name, count, dimension);
  return { values, count, dimension };
}

function assertNonEmpty(fn: string, name: string, count: number, dimension: number): void {
  if (count === 0 || dimension === 0) {
    throw new Error(`${fn}: ${name} must have at least one row and one column, got [${count}, ${dimension}]`);
  }
}

/**
 * Features as a float32 tf.Tensor2D. Returns the caller's tensor itself when given one
 * (`owned: false`), else a new tensor the caller must dispose (`owned: true`).
 *
 * @example
 * const { tensor, owned } = featuresToTensor('knnClassify', 'testFeatures', features);
 * // ... use tensor ...
 * if (owned) tensor.dispose();
 */
export function featuresToTensor(fn: string, name: string, features: Features): { tensor: tf.Tensor2D; owned: boolean } {
  if (isTensor(features)) {
    readShape(fn, name, features);
    return { tensor: features, owned: false };
  }
  const { values, count, dimension } = readFeatures(fn, name, features);
  return { tensor: tf.tensor2d(values, [count, dimension]), owned: true };
}

/**
 * The [N, D] shape of features, checked, without reading tensor values.
 *
 * @example
 * const [count, dimension] = readShape('linearProbe', 'trainFeatures', features);
 */
export function readShape(fn: string, name: string, features: Features): [number, number] {
  if (isTensor(features)) {
    if (features.rank !== 2) {
      throw new Error(`${fn}: ${name} must be a tf.Tensor2D [N, D], got shape [${features.shape.join(', ')}]`);
    }
    assertDtype(fn, name, features, 'float32');
    assertNonEmpty(fn, name, features.shape[0], features.shape[1]);
    return [features.shape[0], features.shape[1]];
  }
  const { count, dimension } = readFeatures(fn, name, features);
  return [count, dimension];
}

/**
 * Reads and checks class labels: `count` integers in [0, numClasses) (any non-negative
 * integer when numClasses is undefined). A tensor is read, not disposed.
 *
 * @example
 * const labels = readLabels('knnClassify', 'trainLabels', [0, 1, 1], 3, 2); // Int32Array [0, 1, 1]
 */
export function readLabels(fn: string, name: string, labels: Labels, count: number, numClasses?: number): Int32Array {
  let source: ArrayLike<number>;
  if (isTensor(labels)) {
    if (labels.rank !== 1) {
      throw new Error(`${fn}: ${name} must be a tf.Tensor1D [N], got shape [${labels.shape.join(', ')}]`);
    }
    source = labels.dataSync();
  } else if (labels !== null && typeof labels === 'object' && typeof (labels as ArrayLike<number>).length === 'number') {
    source = labels;
  } else {
    throw new Error(`${fn}: ${name} must be an array of class indices or a tf.Tensor1D, got ${describeValue(labels)}`);
  }
  if (source.length !== count) {
    throw new Error(`${fn}: ${name} must have one label per feature row (${count}), got ${source.length}`);
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = source[i];
    if (!Number.isInteger(label) || label < 0 || (numClasses !== undefined && label >= numClasses)) {
      const range = numClasses === undefined ? 'a non-negative integer' : `an integer in [0, ${numClasses})`;
      throw new Error(`${fn}: ${name}[${i}] must be ${range}, got ${label}`);
    }
    out[i] = label;
  }
  return out;
}

// The integer check moved to validation/; re-exported here while callers move over.
export { assertInteger } from '../validation/index.js';
