import type * as tf from '../tf.js';
import type { CheckpointContents } from './checkpoint.js';

/**
 * How many values of an array are NaN or infinite.
 *
 * @example
 * countNonFinite(new Float32Array([1, Number.NaN, Number.POSITIVE_INFINITY])); // 2
 */
export function countNonFinite(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) count++;
  return count;
}

/**
 * The first float tensor of a checkpoint's contents (models' weights, trainable variables,
 * optimizer slots, method state) that holds values that are not finite, or undefined when
 * every one is finite. The trainer checks this before it saves, so that a diverged state is
 * never written over the last good checkpoint.
 *
 * @example
 * nonFiniteTensor(contents); // { group: 'optimizer', name: "optimizer 'conv1/kernel/v'", count: 12 }
 */
export function nonFiniteTensor(contents: CheckpointContents): { group: string; name: string; count: number } | undefined {
  const groups: [string, { name: string; tensor: tf.Tensor }[]][] = [
    ...Object.entries(contents.models).map(([model, layers]): [string, { name: string; tensor: tf.Tensor }[]] => [
      `model ${model}`,
      layers.weights.map((weight) => ({ name: weight.originalName, tensor: weight.read() })),
    ]),
    ...Object.entries(contents.tensors),
  ];
  for (const [group, tensors] of groups) {
    for (const { name, tensor } of tensors) {
      if (tensor.dtype !== 'float32') continue;
      const count = countNonFinite(tensor.dataSync() as Float32Array);
      if (count > 0) return { group, name: `${group} '${name}'`, count };
    }
  }
  return undefined;
}

/**
 * The first of some tensors (moving statistics, say) that holds values that are not
 * finite, with its name and how many, or undefined when all are finite.
 *
 * @example
 * nonFiniteVariable(movingStatistics(method)); // { name: 'batch_norm/moving_variance', count: 31 }
 */
export function nonFiniteVariable(tensors: (tf.Tensor & { name?: string })[]): { name: string; count: number } | undefined {
  for (const [index, tensor] of tensors.entries()) {
    if (tensor.dtype !== 'float32') continue;
    const count = countNonFinite(tensor.dataSync() as Float32Array);
    if (count > 0) return { name: tensor.name ?? `tensor ${index}`, count };
  }
  return undefined;
}
