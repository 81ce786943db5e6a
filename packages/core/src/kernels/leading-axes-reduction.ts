import { util } from '@tensorflow/tfjs';
import type { SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, type KernelArgs, type KernelFunction, release } from './kernel-tools.js';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * Sum or Mean over the LEADING axes of a float32 tensor (the batch-and-position axes of
 * bias, batch-norm and layer-norm gradients) as one matrix product w·X, with w a row of
 * ones (or of 1/M for the mean) and X the input seen as [M, N]. tfjs-backend-wasm only
 * reduces innermost axes and transposes first otherwise: the product is 30-60x faster.
 * Other reductions go to the built-in kernel.
 */
export function leadingAxesReductionKernel(backendName: string, kind: 'sum' | 'mean', builtIn: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (x.dtype !== 'float32' || !leading) return builtIn(args);

    const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
    const columns = util.sizeFromShape(x.shape.slice(axes.length));
    if (rows === 0) return builtIn(args);
    const backend = args.backend as unknown as WasmHeapBackend;
    const weights = backend.makeOutput([1, 1, rows], 'float32');
    backend.typedArrayFromHeap(weights).fill(kind === 'mean' ? 1 / rows : 1);
    const matrix = callKernel(backendName, 'Reshape', args.backend, { x }, { shape: [1, rows, columns] }); // [1, M, N]
    const product = callKernel(backendName, 'BatchMatMul', args.backend, { a: weights, b: matrix }, {
      transposeA: false,
      transposeB: false,
    }); // [1, 1, N]
    const outShape = keepDims ? x.shape.map((d, i) => (i < axes.length ? 1 : d)) : x.shape.slice(axes.length);
    const out = callKernel(backendName, 'Reshape', args.backend, { x: product }, { shape: outShape });
    release(args.backend, weights, matrix, product);
    return out;
  };
}
