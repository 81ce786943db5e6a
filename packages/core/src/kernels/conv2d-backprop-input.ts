import { backend_util } from '../tf.js';
import type { Conv2DBackpropInputAttrs, TensorInfo } from '../tf.js';
import { callKernel, type KernelArgs, type KernelFunction, release } from './kernel-tools.js';

/**
 * Stride-1 Conv2DBackpropInput as a forward convolution of dy with the filter rotated by
 * 180 degrees and its in/out channels swapped ("full" padding). The built-in wasm kernel
 * runs at ~2 GFLOP/s; the forward convolution at ~28. Strided cases use the built-in one.
 */
export function conv2dBackpropInputKernel(backendName: string, fallback: KernelFunction): KernelFunction {
  return (args: KernelArgs) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const info = backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(attrs.dataFormat),
    );
    const padTop = info.filterHeight - 1 - info.padInfo.top;
    const padBottom = info.filterHeight - 1 - info.padInfo.bottom;
    const padLeft = info.filterWidth - 1 - info.padInfo.left;
    const padRight = info.filterWidth - 1 - info.padInfo.right;
    const simple =
      info.dataFormat === 'channelsLast' && info.strideHeight === 1 && info.strideWidth === 1 && Math.min(padTop, padBottom, padLeft, padRight) >= 0;
    if (!simple) return fallback(args);

    const { backend } = args;
    const call = (name: string, inputs: Record<string, TensorInfo>, kernelAttrs: object) =>
      callKernel(backendName, name, backend, inputs, kernelAttrs as never);
    const rotated = call('Reverse', { x: filter }, { dims: [0, 1] }); // [kh, kw, Cin, Cout]
    const swapped = call('Transpose', { x: rotated }, { perm: [0, 1, 3, 2] }); // [kh, kw, Cout, Cin]
    const inputGradient = call(
      'Conv2D',
      { x: dy, filter: swapped },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [padTop, padBottom],
          [padLeft, padRight],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: undefined,
      },
    ); // [B, H, W, Cin]
    release(backend, rotated, swapped);
    return inputGradient;
  };
}
