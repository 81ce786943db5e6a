import { util } from '../tf.js';
import type { SumAttrs, TensorInfo } from '../tf.js';
import type { KernelArgs, KernelFunction } from './kernel-tools.js';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * Sum or Mean over the LEADING axes of a float32 tensor (the batch-and-position axes of
 * bias, batch-norm and layer-norm gradients), as one pass over a view of the wasm heap
 * with float64 accumulators. tfjs-backend-wasm reduces only innermost axes and transposes
 * the whole tensor first otherwise: this is ~4x faster on [256·28·28, 32] (7 ms against
 * 30 ms). Other reductions go to the built-in kernel.
 */
export function leadingAxesReductionKernel(kind: 'sum' | 'mean', builtIn: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (x.dtype !== 'float32' || !leading) return builtIn(args);

    const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
    const columns = util.sizeFromShape(x.shape.slice(axes.length));
    const backend = args.backend as unknown as WasmHeapBackend;
    const outShape = keepDims ? x.shape.map((d, i) => (i < axes.length ? 1 : d)) : x.shape.slice(axes.length);
    const out = backend.makeOutput(outShape, 'float32'); // allocate before taking views
    const values = backend.typedArrayFromHeap(x);
    const sums = new Float64Array(columns);
    for (let row = 0; row < rows; row++) {
      const base = row * columns;
      for (let column = 0; column < columns; column++) sums[column] += values[base + column];
    }
    const scale = kind === 'mean' ? 1 / rows : 1;
    const result = backend.typedArrayFromHeap(out);
    for (let column = 0; column < columns; column++) result[column] = sums[column] * scale;
    return out;
  };
}
