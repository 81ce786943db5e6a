import * as tf from '../tf.js';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '../tf.js';

/** The signature tfjs passes to every kernel function. */
export interface KernelArgs {
  inputs: NamedTensorInfoMap;
  backend: KernelBackend;
  attrs?: NamedAttrMap;
}
export type KernelFunction = (args: KernelArgs) => TensorInfo | TensorInfo[];

/**
 * Calls another kernel of the same backend directly (no engine, no tape), the way
 * tfjs's own composite kernels do. The caller disposes the result with `release`
 * unless it is the kernel's output.
 */
export function callKernel(
  backendName: string,
  kernelName: string,
  backend: KernelBackend,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = tf.getKernel(kernelName, backendName);
  if (config == null) throw new Error(`selfsup kernels: ${backendName} has no ${kernelName} kernel`);
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/** Frees an intermediate result produced by `callKernel`. */
export function release(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Copies a tensor's values out of the backend. */
export function readValues(backend: KernelBackend, info: TensorInfo): Float32Array | Int32Array {
  return backend.readSync(info.dataId) as Float32Array | Int32Array;
}

/** Creates a kernel output holding `values`. */
export function writeOutput(backend: KernelBackend, values: Float32Array | Int32Array, shape: number[], dtype: 'float32' | 'int32'): TensorInfo {
  return { dataId: backend.write(values, shape, dtype), shape, dtype };
}
