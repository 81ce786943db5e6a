import { backend_util } from '../tf.js';
import type { Conv2DBackpropFilterAttrs, TensorInfo } from '../tf.js';
import { callKernel, type KernelArgs, type KernelFunction, release } from './kernel-tools.js';

/**
 * Patches of at most this many values (kh·kw·Cin) take the im2col path on wasm: with few
 * input channels (the first layer of an image encoder) the transposes of the convolution
 * path cost more than the product itself.
 */
const IM2COL_MAX_PATCH = 32;

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * dW as one product Pᵀ·dy, with Pᵀ [kh·kw·Cin, B·outH·outW] the transposed patch matrix
 * built directly from a view of the wasm heap (zeros where a tap falls in the padding).
 */
function im2colFilterGradient(args: KernelArgs, info: backend_util.Conv2DInfo, x: TensorInfo, dy: TensorInfo): TensorInfo {
  const backend = args.backend as unknown as WasmHeapBackend;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, outChannels } = info;
  const positions = batchSize * outHeight * outWidth;
  const patch = filterHeight * filterWidth * inChannels;
  const patchesT = backend.makeOutput([1, patch, positions], 'float32'); // allocate before taking views
  const target = backend.typedArrayFromHeap(patchesT);
  const source = backend.typedArrayFromHeap(x);
  target.fill(0);
  for (let b = 0; b < batchSize; b++) {
    for (let p = 0; p < outHeight; p++) {
      for (let q = 0; q < outWidth; q++) {
        const m = (b * outHeight + p) * outWidth + q;
        for (let i = 0; i < filterHeight; i++) {
          const h = p * info.strideHeight - info.padInfo.top + i;
          if (h < 0 || h >= inHeight) continue;
          for (let j = 0; j < filterWidth; j++) {
            const w = q * info.strideWidth - info.padInfo.left + j;
            if (w < 0 || w >= inWidth) continue;
            const from = ((b * inHeight + h) * inWidth + w) * inChannels;
            const row = (i * filterWidth + j) * inChannels;
            for (let c = 0; c < inChannels; c++) target[(row + c) * positions + m] = source[from + c];
          }
        }
      }
    }
  }
  const call = (name: string, inputs: Record<string, TensorInfo>, kernelAttrs: object) =>
    callKernel('wasm', name, args.backend, inputs, kernelAttrs as never);
  const dyMatrix = call('Reshape', { x: dy }, { shape: [1, positions, outChannels] }); // [1, M, Cout]
  const product = call('BatchMatMul', { a: patchesT, b: dyMatrix }, { transposeA: false, transposeB: false }); // [1, K, Cout]
  const filterGradient = call('Reshape', { x: product }, { shape: [filterHeight, filterWidth, inChannels, outChannels] });
  release(args.backend, patchesT, dyMatrix, product);
  return filterGradient;
}

/**
 * Conv2DBackpropFilter written as one forward convolution, which wasm runs through
 * XNNPACK (tfjs-backend-wasm has no kernel for it; the cpu one is ~1000x slower).
 *
 *   dW[i, j, ci, co] = sum_{b, p, q} xPadded[b, p*s + i, q*s + j, ci] * dy[b, p, q, co]
 *
 * is a valid convolution of x laid out as [Cin, H, W, B] (channels = batch) with dy laid
 * out as a [outH, outW, B, Cout] filter, dilated by the stride.
 */
export function conv2dBackpropFilterKernel(backendName: string, fallback: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      attrs.filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(attrs.dataFormat),
    );
    if (info.dataFormat !== 'channelsLast') return fallback(args);
    if (backendName === 'wasm' && info.filterHeight * info.filterWidth * info.inChannels <= IM2COL_MAX_PATCH) {
      return im2colFilterGradient(args, info, x, dy);
    }
    const { backend } = args;
    const call = (name: string, inputs: Record<string, TensorInfo>, kernelAttrs: object) =>
      callKernel(backendName, name, backend, inputs, kernelAttrs as never);

    const [batch, height, width, inChannels] = x.shape;
    const neededHeight = (info.outHeight - 1) * info.strideHeight + info.filterHeight;
    const neededWidth = (info.outWidth - 1) * info.strideWidth + info.filterWidth;
    const { top, left } = info.padInfo;
    const bottom = neededHeight - top - height;
    const right = neededWidth - left - width;

    const toRelease: TensorInfo[] = [];
    let padded = x;
    if (top > 0 || left > 0 || bottom > 0 || right > 0) {
      padded = call(
        'PadV2',
        { x },
        {
          paddings: [
            [0, 0],
            [top, Math.max(0, bottom)],
            [left, Math.max(0, right)],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      toRelease.push(padded);
    }
    if (bottom < 0 || right < 0) {
      const cropped = call('Slice', { x: padded }, { begin: [0, 0, 0, 0], size: [batch, neededHeight, neededWidth, inChannels] });
      toRelease.push(cropped);
      padded = cropped;
    }
    const xAsBatch = call('Transpose', { x: padded }, { perm: [3, 1, 2, 0] }); // [Cin, H', W', B]
    const dyAsFilter = call('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [outH, outW, B, Cout]
    const product = call(
      'Conv2D',
      { x: xAsBatch, filter: dyAsFilter },
      {
        strides: [1, 1],
        pad: 'valid',
        dataFormat: 'NHWC',
        dilations: [info.strideHeight, info.strideWidth],
        dimRoundingMode: undefined,
      },
    ); // [Cin, kh, kw, Cout]
    const filterGradient = call('Transpose', { x: product }, { perm: [1, 2, 0, 3] }); // [kh, kw, Cin, Cout]
    release(backend, ...toRelease, xAsBatch, dyAsFilter, product);
    return filterGradient;
  };
}
