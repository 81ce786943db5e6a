import { slice_util, util } from '../tf.js';
import type { SliceAttrs, TensorInfo } from '../tf.js';
import type { KernelArgs, KernelFunction } from './kernel-tools.js';

/** The parts of tfjs-backend-wasm's backend this kernel uses. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * Slice for the wasm backend that copies only the sliced elements, straight between views
 * of the wasm heap. The built-in kernel first copies the WHOLE input out of the heap
 * (readSync), so cutting q, k, v out of a fused projection, or a batch out of a data set,
 * costs as much as copying the source every time (6.6 s of an 8 s GPT step).
 */
export function sliceInPlaceKernel(builtIn: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return builtIn(args);
    const { begin, size } = args.attrs as unknown as SliceAttrs;
    const [start, extent] = slice_util.parseSliceParams(x as never, begin, size);
    const backend = args.backend as unknown as WasmHeapBackend;
    // Allocate first: growing the heap would detach views taken earlier.
    const out = backend.makeOutput(extent, x.dtype);
    if (util.sizeFromShape(extent) === 0) return out;
    const source = backend.typedArrayFromHeap(x);
    const target = backend.typedArrayFromHeap(out);
    copyBlock(source, util.computeStrides(x.shape), target, start, extent);
    return out;
  };
}

/** Copies the block [start, start + extent) of a row-major array into a dense target. */
function copyBlock(
  source: Float32Array | Int32Array | Uint8Array,
  strides: number[],
  target: Float32Array | Int32Array | Uint8Array,
  start: number[],
  extent: number[],
): void {
  const rank = extent.length;
  // Merge the trailing axes that are copied whole into one contiguous run.
  let run = extent[rank - 1];
  let innermost = rank - 1;
  while (innermost > 0 && start[innermost] === 0 && extent[innermost] === (strides[innermost - 1] ?? 1) / (strides[innermost] ?? 1)) {
    innermost -= 1;
    run *= extent[innermost];
  }
  const outer = extent.slice(0, innermost);
  const fullStrides = [...strides, 1];
  let baseOffset = 0;
  for (let axis = 0; axis < rank; axis++) baseOffset += start[axis] * fullStrides[axis];
  const runs = outer.reduce((a, b) => a * b, 1);
  const index = new Array(outer.length).fill(0);
  let written = 0;
  for (let r = 0; r < runs; r++) {
    let offset = baseOffset;
    for (let axis = 0; axis < outer.length; axis++) offset += index[axis] * fullStrides[axis];
    target.set(source.subarray(offset, offset + run), written);
    written += run;
    for (let axis = outer.length - 1; axis >= 0; axis--) {
      index[axis] += 1;
      if (index[axis] < outer[axis]) break;
      index[axis] = 0;
    }
  }
}
