import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';
import { builtInKernel } from './register-training-kernels.js';

/** Naive float64 conv2d (NHWC, filter [kh, kw, Cin, Cout]) with explicit padding. */
function naiveConv2d(
  x: Float32Array,
  [B, H, W, C]: number[],
  w: Float32Array,
  [kh, kw, , O]: number[],
  stride: number,
  padTop: number,
  padLeft: number,
  outH: number,
  outW: number,
): Float64Array {
  const out = new Float64Array(B * outH * outW * O);
  for (let b = 0; b < B; b++)
    for (let p = 0; p < outH; p++)
      for (let q = 0; q < outW; q++)
        for (let o = 0; o < O; o++) {
          let s = 0;
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++) {
              const h = p * stride - padTop + i;
              const v = q * stride - padLeft + j;
              if (h < 0 || h >= H || v < 0 || v >= W) continue;
              for (let c = 0; c < C; c++) s += x[((b * H + h) * W + v) * C + c] * w[((i * kw + j) * C + c) * O + o];
            }
          out[((b * outH + p) * outW + q) * O + o] = s;
        }
  return out;
}

const CASES = [
  { x: [2, 7, 7, 3], k: [3, 3, 3, 4], stride: 1, pad: 'same' as const },
  { x: [3, 8, 6, 2], k: [3, 3, 2, 5], stride: 1, pad: 'valid' as const },
  { x: [2, 9, 9, 3], k: [3, 3, 3, 2], stride: 2, pad: 'same' as const },
  { x: [2, 10, 7, 2], k: [4, 2, 2, 3], stride: 2, pad: 'valid' as const },
  { x: [1, 11, 11, 2], k: [5, 5, 2, 3], stride: 3, pad: 'same' as const },
  { x: [4, 6, 6, 1], k: [1, 1, 1, 4], stride: 1, pad: 'valid' as const },
];

describe.each(['wasm', 'cpu'] as const)('conv2d gradients on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('match the float64 reference: x $x, filter $k, stride $stride, $pad', ({ x: xShape, k: kShape, stride, pad }) => {
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const xValues = randomNormalArray(size(xShape), { seed: 1 });
    const wValues = randomNormalArray(size(kShape), { seed: 2 });
    const x = tf.tensor4d(xValues, xShape as [number, number, number, number]);
    const w = tf.tensor4d(wValues, kShape as [number, number, number, number]);
    const y = tf.conv2d(x, w, stride, pad);
    const [, outH, outW] = y.shape;
    const dyValues = randomNormalArray(y.size, { seed: 3 });
    const dy = tf.tensor4d(dyValues, y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad))([x, w], dy);

    // Padding as tfjs computes it: 'same' splits the total padding with the extra row at the bottom.
    const padTotal = (inSize: number, k: number, out: number) => Math.max(0, (out - 1) * stride + k - inSize);
    const padTop = pad === 'same' ? Math.floor(padTotal(xShape[1], kShape[0], outH) / 2) : 0;
    const padLeft = pad === 'same' ? Math.floor(padTotal(xShape[2], kShape[1], outW) / 2) : 0;
    // Reference gradients through the linearity of convolution: <dy, conv(x, w)> differentiated
    // by perturbing one input at a time would be slow; instead use the adjoint identities.
    const expectedDw = new Float64Array(dw.size);
    const expectedDx = new Float64Array(dx.size);
    const [B, H, W, C] = xShape;
    const [kh, kw, , O] = kShape;
    for (let b = 0; b < B; b++)
      for (let p = 0; p < outH; p++)
        for (let q = 0; q < outW; q++)
          for (let o = 0; o < O; o++) {
            const g = dyValues[((b * outH + p) * outW + q) * O + o];
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const h = p * stride - padTop + i;
                const v = q * stride - padLeft + j;
                if (h < 0 || h >= H || v < 0 || v >= W) continue;
                for (let c = 0; c < C; c++) {
                  expectedDw[((i * kw + j) * C + c) * O + o] += xValues[((b * H + h) * W + v) * C + c] * g;
                  expectedDx[((b * H + h) * W + v) * C + c] += wValues[((i * kw + j) * C + c) * O + o] * g;
                }
              }
          }
    expect(maxRelativeError(y.dataSync(), naiveConv2d(xValues, xShape, wValues, kShape, stride, padTop, padLeft, outH, outW))).toBeLessThan(1e-4);
    expect(maxRelativeError(dw.dataSync(), expectedDw)).toBeLessThan(1e-4);
    expect(maxRelativeError(dx.dataSync(), expectedDx)).toBeLessThan(1e-4);
    tf.dispose([x, w, y, dy, dx, dw]);
  });

  it('leaks no tensors and no backend memory', () => {
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')));
    tf.dispose(gradients([x, w]));
    const dataIdsBefore = tf.engine().backend.numDataIds();
    expect(leakedTensors(() => gradients([x, w]))).toBe(0);
    expect(tf.engine().backend.numDataIds()).toBe(dataIdsBefore);
    tf.dispose([x, w]);
  });
});

describe('conv2d gradient kernels on wasm against the stock cpu kernels, on random shapes', () => {
  const random = createRandom(77);
  const cases = Array.from({ length: 10 }, () => {
    const stride = 1 + random.integer(3);
    const k = [1 + random.integer(4), 1 + random.integer(4)];
    return {
      x: [1 + random.integer(4), k[0] + stride + random.integer(9), k[1] + stride + random.integer(9), 1 + random.integer(5)],
      k,
      out: 1 + random.integer(6),
      stride,
      pad: random.next() < 0.5 ? ('same' as const) : ('valid' as const),
    };
  });

  it.each(cases)('x $x, kernel $k, $out filters, stride $stride, $pad', async (c) => {
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const filterShape = [c.k[0], c.k[1], c.x[3], c.out] as [number, number, number, number];
    const xValues = randomNormalArray(size(c.x), { seed: 11 });
    const wValues = randomNormalArray(size(filterShape), { seed: 12 });
    const gradientsOn = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      const x = tf.tensor4d(xValues, c.x as [number, number, number, number]);
      const w = tf.tensor4d(wValues, filterShape);
      const y = tf.conv2d(x, w, c.stride, c.pad);
      const dy = tf.tensor4d(randomNormalArray(y.size, { seed: 13 }), y.shape);
      const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
      // On cpu, call the kernels tfjs shipped (selfsup replaced Conv2DBackpropFilter there).
      const run = (name: string, inputs: Record<string, tf.Tensor>, extra: object) => {
        const kernel =
          backend === 'cpu' ? (builtInKernel(name, 'cpu') ?? tf.getKernel(name, 'cpu')!.kernelFunc) : tf.getKernel(name, 'wasm')!.kernelFunc;
        const info = kernel({ inputs, backend: tf.backend(), attrs: { ...attrs, ...extra } as never }) as tf.TensorInfo;
        const tensor = tf.engine().makeTensorFromTensorInfo(info);
        const values = tensor.dataSync().slice();
        tensor.dispose();
        return values;
      };
      const dw = run('Conv2DBackpropFilter', { x, dy }, { filterShape });
      const dx = run('Conv2DBackpropInput', { dy, filter: w }, { inputShape: c.x });
      tf.dispose([x, w, y, dy]);
      return { dw, dx };
    };
    const reference = await gradientsOn('cpu');
    const ours = await gradientsOn('wasm');
    expect(maxRelativeError(ours.dw, reference.dw)).toBeLessThan(1e-4);
    expect(maxRelativeError(ours.dx, reference.dx)).toBeLessThan(1e-4);
  });
});
