import * as tf from '../tf.js';
import { batchMatMulTransposedKernel } from './batch-matmul-transposed.js';
import { conv2dBackpropFilterKernel } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputKernel } from './conv2d-backprop-input.js';
import { depthwiseConv2dBackpropFilterKernel, depthwiseConv2dBackpropInputKernel } from './depthwise-conv2d-backprop.js';
import type { KernelFunction } from './kernel-tools.js';
import { leadingAxesReductionKernel } from './leading-axes-reduction.js';
import { maxPoolGradKernel } from './max-pool-grad.js';
import { sliceInPlaceKernel } from './slice-in-place.js';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum.js';

type KernelFactory = (backendName: string, builtIn: KernelFunction | undefined) => KernelFunction;

const missingKernel =
  (name: string, backendName: string): KernelFunction =>
  () => {
    throw new Error(`selfsup kernels: ${backendName} has no built-in ${name} to fall back to`);
  };

/**
 * Which kernels selfsup provides, per backend. A factory receives the built-in kernel
 * (if any) so it can defer to it for cases it does not speed up.
 */
const PROVIDED: Record<string, Record<string, KernelFactory>> = {
  wasm: {
    Conv2DBackpropFilter: (name, builtIn) => conv2dBackpropFilterKernel(name, builtIn ?? missingKernel('Conv2DBackpropFilter', name)),
    Conv2DBackpropInput: (name, builtIn) => conv2dBackpropInputKernel(name, builtIn ?? missingKernel('Conv2DBackpropInput', name)),
    DepthwiseConv2dNativeBackpropFilter: () => depthwiseConv2dBackpropFilterKernel,
    DepthwiseConv2dNativeBackpropInput: () => depthwiseConv2dBackpropInputKernel,
    UnsortedSegmentSum: () => unsortedSegmentSumKernel,
    BatchMatMul: (name, builtIn) => batchMatMulTransposedKernel(name, builtIn ?? missingKernel('BatchMatMul', name)),
    Slice: (name, builtIn) => sliceInPlaceKernel(builtIn ?? missingKernel('Slice', name)),
    MaxPoolGrad: () => maxPoolGradKernel,
    Sum: (name, builtIn) => leadingAxesReductionKernel('sum', builtIn ?? missingKernel('Sum', name)),
    Mean: (name, builtIn) => leadingAxesReductionKernel('mean', builtIn ?? missingKernel('Mean', name)),
  },
  cpu: {
    Conv2DBackpropFilter: (name, builtIn) => conv2dBackpropFilterKernel(name, builtIn ?? missingKernel('Conv2DBackpropFilter', name)),
    UnsortedSegmentSum: () => unsortedSegmentSumKernel,
  },
};

const builtInKernels = new Map<string, KernelFunction>();
const registeredBackends = new Set<string>();

/**
 * Registers selfsup's training kernels on a backend (idempotent). `initBackend` calls
 * this; call it yourself only if you select a backend with `tf.setBackend`.
 *
 * wasm gains Conv2DBackpropFilter, depthwise backprops and UnsortedSegmentSum (absent in
 * tfjs-backend-wasm 4.22, so convolutions and embeddings could not train) and faster
 * stride-1 Conv2DBackpropInput and transposed BatchMatMul. cpu gains a fast
 * Conv2DBackpropFilter and UnsortedSegmentSum.
 *
 * @example
 * await tf.setBackend('wasm');
 * registerTrainingKernels('wasm');
 */
export function registerTrainingKernels(backendName: string): void {
  if (registeredBackends.has(backendName)) return;
  const provided = PROVIDED[backendName];
  if (!provided) return;
  for (const [kernelName, factory] of Object.entries(provided)) {
    const existing = tf.getKernel(kernelName, backendName);
    const builtIn = existing?.kernelFunc as KernelFunction | undefined;
    if (builtIn) {
      builtInKernels.set(`${backendName}/${kernelName}`, builtIn);
      tf.unregisterKernel(kernelName, backendName);
    }
    tf.registerKernel({ kernelName, backendName, kernelFunc: factory(backendName, builtIn) as tf.KernelFunc });
  }
  registeredBackends.add(backendName);
}

/**
 * The kernel tfjs itself shipped for `kernelName` on `backendName`, before selfsup
 * replaced it (undefined where tfjs has none). Used to check replacements against it.
 *
 * @example
 * const reference = builtInKernel('Conv2DBackpropFilter', 'cpu');
 */
export function builtInKernel(kernelName: string, backendName: string): KernelFunction | undefined {
  return builtInKernels.get(`${backendName}/${kernelName}`);
}

/** The kernels selfsup registers on each backend, for documentation and tests. */
export function providedKernelNames(backendName: string): string[] {
  return Object.keys(PROVIDED[backendName] ?? {});
}
