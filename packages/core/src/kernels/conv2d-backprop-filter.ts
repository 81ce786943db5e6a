import { backend_util } from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, type KernelArgs, type KernelFunction, release } from './kernel-tools.js';

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
      padded = call('PadV2', { x }, {
        paddings: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
        constantValue: 0,
      });
      toRelease.push(padded);
    }
    if (bottom < 0 || right < 0) {
      const cropped = call('Slice', { x: padded }, { begin: [0, 0, 0, 0], size: [batch, neededHeight, neededWidth, inChannels] });
      toRelease.push(cropped);
      padded = cropped;
    }
    const xAsBatch = call('Transpose', { x: padded }, { perm: [3, 1, 2, 0] }); // [Cin, H', W', B]
    const dyAsFilter = call('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [outH, outW, B, Cout]
    const product = call('Conv2D', { x: xAsBatch, filter: dyAsFilter }, {
      strides: [1, 1],
      pad: 'valid',
      dataFormat: 'NHWC',
      dilations: [info.strideHeight, info.strideWidth],
      dimRoundingMode: undefined,
    }); // [Cin, kh, kw, Cout]
    const filterGradient = call('Transpose', { x: product }, { perm: [1, 2, 0, 3] }); // [kh, kw, Cin, Cout]
    release(backend, ...toRelease, xAsBatch, dyAsFilter, product);
    return filterGradient;
  };
}
