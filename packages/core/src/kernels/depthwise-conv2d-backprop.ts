import { backend_util } from '../tf.js';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, DepthwiseConv2dNativeBackpropInputAttrs, TensorInfo } from '../tf.js';
import { type KernelArgs, type KernelFunction, readValues, writeOutput } from './kernel-tools.js';

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * Visits every (output position, filter tap) pair of a depthwise convolution whose input
 * position is inside the image, with flat offsets into x/dx, dy and the filter.
 * x: [B, H, W, C], filter: [kh, kw, C, M], dy: [B, outH, outW, C*M].
 */
function forEachTap(info: Conv2DInfo, visit: (xOffset: number, dyOffset: number, filterOffset: number) => void): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const multiplier = outChannels / inChannels;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let i = 0; i < info.filterHeight; i++) {
          const ih = oh * info.strideHeight - info.padInfo.top + i * info.dilationHeight;
          if (ih < 0 || ih >= inHeight) continue;
          for (let j = 0; j < info.filterWidth; j++) {
            const iw = ow * info.strideWidth - info.padInfo.left + j * info.dilationWidth;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            const filterBase = (i * info.filterWidth + j) * outChannels;
            for (let c = 0; c < inChannels; c++) {
              for (let m = 0; m < multiplier; m++) {
                visit(xBase + c, dyBase + c * multiplier + m, filterBase + c * multiplier + m);
              }
            }
          }
        }
      }
    }
  }
}

/** DepthwiseConv2dNativeBackpropFilter as a direct loop (missing from tfjs-backend-wasm). */
export const depthwiseConv2dBackpropFilterKernel: KernelFunction = (args: KernelArgs) => {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const xValues = readValues(args.backend, x);
  const dyValues = readValues(args.backend, dy);
  const gradient = new Float32Array(attrs.filterShape.reduce((a, b) => a * b, 1));
  forEachTap(info, (xOffset, dyOffset, filterOffset) => {
    gradient[filterOffset] += xValues[xOffset] * dyValues[dyOffset];
  });
  return writeOutput(args.backend, gradient, [...attrs.filterShape], 'float32');
};

/** DepthwiseConv2dNativeBackpropInput as a direct loop (missing from tfjs-backend-wasm). */
export const depthwiseConv2dBackpropInputKernel: KernelFunction = (args: KernelArgs) => {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const filterValues = readValues(args.backend, filter);
  const dyValues = readValues(args.backend, dy);
  const gradient = new Float32Array(attrs.inputShape.reduce((a, b) => a * b, 1));
  forEachTap(info, (xOffset, dyOffset, filterOffset) => {
    gradient[xOffset] += filterValues[filterOffset] * dyValues[dyOffset];
  });
  return writeOutput(args.backend, gradient, [...attrs.inputShape], 'float32');
};
