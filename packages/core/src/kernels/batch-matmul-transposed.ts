import type { BatchMatMulAttrs, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, type KernelArgs, type KernelFunction, release } from './kernel-tools.js';

/**
 * BatchMatMul that transposes its operands explicitly before multiplying: on wasm the
 * built-in kernel is 10-20x slower when asked to transpose A or B itself, and dense
 * layers' gradients always ask.
 */
export function batchMatMulTransposedKernel(backendName: string, original: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const attrs = args.attrs as unknown as BatchMatMulAttrs;
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const swapLast = (t: TensorInfo) => {
      const perm = t.shape.map((_, i) => i);
      const rank = perm.length;
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
      return callKernel(backendName, 'Transpose', args.backend, { x: t }, { perm });
    };
    const left = attrs.transposeA ? swapLast(a) : a;
    const right = attrs.transposeB ? swapLast(b) : b;
    const product = original({
      inputs: { a: left, b: right },
      backend: args.backend,
      attrs: { transposeA: false, transposeB: false },
    }) as TensorInfo;
    if (left !== a) release(args.backend, left);
    if (right !== b) release(args.backend, right);
    return product;
  };
}
