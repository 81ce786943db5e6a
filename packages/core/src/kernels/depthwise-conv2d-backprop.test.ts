import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, leakedTensors, maxRelativeError, randomNormalArray, useBackend } from '../testing/index.js';

/** Float64 reference gradients of a depthwise convolution, from its definition. */
function referenceGradients(
  x: Float32Array,
  [B, H, W, C]: number[],
  w: Float32Array,
  [kh, kw, , M]: number[],
  dy: Float32Array,
  [outH, outW]: number[],
  stride: number,
  dilation: number,
  padTop: number,
  padLeft: number,
) {
  const dx = new Float64Array(B * H * W * C);
  const dw = new Float64Array(kh * kw * C * M);
  for (let b = 0; b < B; b++)
    for (let p = 0; p < outH; p++)
      for (let q = 0; q < outW; q++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const h = p * stride - padTop + i * dilation;
            const v = q * stride - padLeft + j * dilation;
            if (h < 0 || h >= H || v < 0 || v >= W) continue;
            for (let c = 0; c < C; c++)
              for (let m = 0; m < M; m++) {
                const g = dy[((b * outH + p) * outW + q) * C * M + c * M + m];
                dw[((i * kw + j) * C + c) * M + m] += x[((b * H + h) * W + v) * C + c] * g;
                dx[((b * H + h) * W + v) * C + c] += w[((i * kw + j) * C + c) * M + m] * g;
              }
          }
  return { dx, dw };
}

const random = createRandom(2024);
const RANDOM_CASES = Array.from({ length: 8 }, () => {
  const stride = 1 + random.integer(2);
  // tfjs-core refuses gradients of dilated depthwise convolutions, so dilation stays 1.
  const dilation = 1;
  return {
    x: [1 + random.integer(3), 5 + random.integer(5), 5 + random.integer(5), 1 + random.integer(4)],
    k: [1 + random.integer(3), 1 + random.integer(3), 0, 1 + random.integer(2)],
    stride,
    dilation,
    pad: random.next() < 0.5 ? ('same' as const) : ('valid' as const),
  };
}).map((c) => ({ ...c, k: [c.k[0], c.k[1], c.x[3], c.k[3]] }));

describe.each(['wasm', 'cpu'] as const)('depthwise conv2d gradients on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(RANDOM_CASES)('match the float64 reference: x $x, filter $k, stride $stride, dilation $dilation, $pad', (c) => {
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const xValues = randomNormalArray(size(c.x), { seed: 4 });
    const wValues = randomNormalArray(size(c.k), { seed: 5 });
    const x = tf.tensor4d(xValues, c.x as [number, number, number, number]);
    const w = tf.tensor4d(wValues, c.k as [number, number, number, number]);
    const forward = (a: tf.Tensor, b: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad, 'NHWC', c.dilation);
    const y = forward(x, w);
    const [, outH, outW] = y.shape;
    const dyValues = randomNormalArray(y.size, { seed: 6 });
    const dy = tf.tensor4d(dyValues, y.shape);
    const [dx, dw] = tf.grads(forward)([x, w], dy);
    const effective = (k: number) => (k - 1) * c.dilation + 1;
    const padTotal = (inSize: number, k: number, out: number) => Math.max(0, (out - 1) * c.stride + effective(k) - inSize);
    const padTop = c.pad === 'same' ? Math.floor(padTotal(c.x[1], c.k[0], outH) / 2) : 0;
    const padLeft = c.pad === 'same' ? Math.floor(padTotal(c.x[2], c.k[1], outW) / 2) : 0;
    const expected = referenceGradients(xValues, c.x, wValues, c.k, dyValues, [outH, outW], c.stride, c.dilation, padTop, padLeft);
    expect(maxRelativeError(dx.dataSync(), expected.dx)).toBeLessThan(1e-4);
    expect(maxRelativeError(dw.dataSync(), expected.dw)).toBeLessThan(1e-4);
    tf.dispose([x, w, y, dy, dx, dw]);
  });

  it('leaks nothing', () => {
    const x = tf.randomNormal([2, 6, 6, 3]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 2]) as tf.Tensor4D;
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')));
    expect(leakedTensors(() => gradients([x, w]))).toBe(0);
    tf.dispose([x, w]);
  });
});
