import { util } from '../tf.js';
import type { BatchMatMulAttrs, TensorInfo } from '../tf.js';
import { callKernel, type KernelArgs, type KernelFunction, release } from './kernel-tools.js';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * BatchMatMul for the wasm backend, which is fast only for one untransposed product:
 * - transposeA/B: the operands are transposed explicitly first (the built-in kernel is
 *   10-20x slower when it transposes itself, and dense layers' gradients always ask);
 * - batch > 1 (attention's [B·H, T, d] products): one XNNPACK product per matrix (the
 *   built-in batched path runs a plain loop at ~3 GFLOP/s; per-matrix products are ~5x faster).
 * Broadcast batches go to the built-in kernel.
 */
export function batchMatMulTransposedKernel(backendName: string, original: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const attrs = args.attrs as unknown as BatchMatMulAttrs;
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const call = (name: string, inputs: Record<string, TensorInfo>, kernelAttrs: object) =>
      callKernel(backendName, name, args.backend, inputs, kernelAttrs as never);
    const swapLast = (t: TensorInfo) => {
      const perm = t.shape.map((_, i) => i);
      const rank = perm.length;
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
      return call('Transpose', { x: t }, { perm });
    };
    const left = attrs.transposeA ? swapLast(a) : a;
    const right = attrs.transposeB ? swapLast(b) : b;
    const plain = { transposeA: false, transposeB: false };
    const batch = util.sizeFromShape(left.shape.slice(0, -2));
    const sameBatch = left.shape.length === right.shape.length && left.shape.slice(0, -2).every((d, i) => d === right.shape[i]);
    const product =
      batch > 1 && sameBatch && left.dtype === 'float32'
        ? matrixByMatrix(args, call, left, right, batch)
        : (original({ inputs: { a: left, b: right }, backend: args.backend, attrs: plain }) as TensorInfo);
    if (left !== a) release(args.backend, left);
    if (right !== b) release(args.backend, right);
    return product;
  };
}

/** [batch, m, k] x [batch, k, n] as `batch` separate [1, m, k] x [1, k, n] products. */
function matrixByMatrix(
  args: KernelArgs,
  call: (name: string, inputs: Record<string, TensorInfo>, attrs: object) => TensorInfo,
  left: TensorInfo,
  right: TensorInfo,
  batch: number,
): TensorInfo {
  const [m, k] = left.shape.slice(-2);
  const n = right.shape[right.shape.length - 1];
  const a3 = call('Reshape', { x: left }, { shape: [batch, m, k] });
  const b3 = call('Reshape', { x: right }, { shape: [batch, k, n] });
  const backend = args.backend as unknown as WasmHeapBackend;
  const out = backend.makeOutput([...left.shape.slice(0, -2), m, n], 'float32');
  for (let i = 0; i < batch; i++) {
    const aPart = call('Slice', { x: a3 }, { begin: [i, 0, 0], size: [1, m, k] });
    const bPart = call('Slice', { x: b3 }, { begin: [i, 0, 0], size: [1, k, n] });
    const part = call('BatchMatMul', { a: aPart, b: bPart }, { transposeA: false, transposeB: false }); // [1, m, n]
    // Views are taken after the allocations above, which may have grown the heap.
    backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(part), i * m * n);
    release(args.backend, aPart, bPart, part);
  }
  release(args.backend, a3, b3);
  return out;
}
