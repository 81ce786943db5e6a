import { assertPositiveInteger } from '@selfsup/core';
import { type ImageBatch, createImageBatch } from './image-batch.js';
import { assertImageBatch } from './validate.js';

/**
 * Bilinear resampling of a rectangle of an image to an output size, the kernel of
 * `randomResizedCrop`, `multiCrop` and `resizeBilinear`.
 *
 * Each output sample o of an axis sits at (o + 0.5) * span / out in the span's pixel
 * coordinates (pixel j covers [j, j + 1), centres at j + 0.5: "half-pixel centres", as
 * PIL and align_corners = false) and takes the triangle-weighted mean of the input
 * pixels around it. When upsampling the triangle has radius 1 (plain bilinear
 * interpolation, clamped at the span's edges); when downsampling by a factor f it is
 * stretched to radius f so that every input pixel contributes (antialiasing, like PIL's
 * bilinear filter), which keeps small crops of large images from aliasing. Weights are
 * non-negative and sum to 1, so outputs stay in the range of the inputs.
 *
 * The two axes are separable: a horizontal pass over the span's rows into a scratch
 * buffer, then a vertical pass into the output. Taps are precomputed per image.
 */

/** Buffers of resampleRegion, allocated once per batch call and reused for every image. */
export interface ResampleScratch {
  columnStart: Int32Array;
  columnCount: Int32Array;
  columnWeights: Float64Array;
  columnStride: number;
  rowStart: Int32Array;
  rowCount: Int32Array;
  rowWeights: Float64Array;
  rowStride: number;
  /** The horizontally resampled span rows: [maxSpanHeight, outWidth, channels]. */
  rows: Float32Array;
}

/** At most this many input pixels have a non-zero weight for one output sample. */
function maximumTaps(span: number, out: number): number {
  return Math.ceil(2 * Math.max(span / out, 1)) + 2;
}

/**
 * Scratch buffers for resampling spans of up to `maxSpanHeight` x `maxSpanWidth` pixels
 * to `outHeight` x `outWidth`.
 */
export function createResampleScratch(
  maxSpanHeight: number,
  maxSpanWidth: number,
  outHeight: number,
  outWidth: number,
  channels: number,
): ResampleScratch {
  const columnStride = maximumTaps(maxSpanWidth, outWidth);
  const rowStride = maximumTaps(maxSpanHeight, outHeight);
  return {
    columnStart: new Int32Array(outWidth),
    columnCount: new Int32Array(outWidth),
    columnWeights: new Float64Array(outWidth * columnStride),
    columnStride,
    rowStart: new Int32Array(outHeight),
    rowCount: new Int32Array(outHeight),
    rowWeights: new Float64Array(outHeight * rowStride),
    rowStride,
    rows: new Float32Array(maxSpanHeight * outWidth * channels),
  };
}

/**
 * Fills the taps of one axis: output sample o reads `count[o]` input pixels from
 * `start[o]` (absolute index) with `weights[o * stride ...]`. With `mirror`, output o
 * gets the taps of output `outSize - 1 - o` (a horizontal flip for free). Returns the
 * largest tap count; one-tap outputs get a second weight of 0.
 */
function fillTaps(
  start: Int32Array,
  count: Int32Array,
  weights: Float64Array,
  stride: number,
  spanStart: number,
  spanSize: number,
  outSize: number,
  mirror: boolean,
): number {
  let widest = 0;
  const scale = spanSize / outSize;
  const radius = Math.max(scale, 1);
  const inverseRadius = 1 / radius;
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    // Pixels j with |j + 0.5 - center| < radius; the nearest pixel is always among them.
    let low = Math.floor(center - radius - 0.5) + 1;
    let high = Math.ceil(center + radius - 0.5) - 1;
    if (low < 0) low = 0;
    if (high > spanSize - 1) high = spanSize - 1;
    const slot = mirror ? outSize - 1 - o : o;
    const base = slot * stride;
    let total = 0;
    for (let j = low; j <= high; j++) {
      const weight = 1 - Math.abs(j + 0.5 - center) * inverseRadius;
      weights[base + j - low] = weight;
      total += weight;
    }
    const taps = high - low + 1;
    for (let t = 0; t < taps; t++) weights[base + t] /= total;
    if (taps === 1) weights[base + 1] = 0; // lets the two-tap loop read the pixel twice
    start[slot] = spanStart + low;
    count[slot] = taps;
    if (taps > widest) widest = taps;
  }
  return widest;
}

/**
 * Resamples the span [top, top + spanHeight) x [left, left + spanWidth) of the image at
 * `sourceOffset` (row length `sourceWidth`) into `outHeight` x `outWidth` pixels written
 * at `targetOffset`, mirrored left-right when `mirror` is set.
 */
export function resampleRegion(
  source: Float32Array,
  sourceOffset: number,
  sourceWidth: number,
  channels: number,
  top: number,
  left: number,
  spanHeight: number,
  spanWidth: number,
  target: Float32Array,
  targetOffset: number,
  outHeight: number,
  outWidth: number,
  mirror: boolean,
  scratch: ResampleScratch,
): void {
  const { columnStart, columnCount, columnWeights, columnStride, rowStart, rowCount, rowWeights, rowStride, rows } = scratch;
  const widest = fillTaps(columnStart, columnCount, columnWeights, columnStride, left, spanWidth, outWidth, mirror);
  fillTaps(rowStart, rowCount, rowWeights, rowStride, 0, spanHeight, outHeight, false);
  const rowLength = outWidth * channels;

  // Horizontal pass: span row r -> rows[r] [outWidth, channels].
  for (let r = 0; r < spanHeight; r++) {
    const sourceRow = sourceOffset + (top + r) * sourceWidth * channels;
    let out = r * rowLength;
    if (channels === 3 && widest <= 2) {
      // Upsampling or same size (every output reads at most two pixels): no tap loop.
      for (let x = 0; x < outWidth; x++) {
        const base = x * columnStride;
        const first = columnWeights[base];
        const second = columnWeights[base + 1];
        const p = sourceRow + columnStart[x] * 3;
        const q = columnCount[x] === 2 ? p + 3 : p;
        rows[out++] = first * source[p] + second * source[q];
        rows[out++] = first * source[p + 1] + second * source[q + 1];
        rows[out++] = first * source[p + 2] + second * source[q + 2];
      }
    } else if (channels === 3) {
      for (let x = 0; x < outWidth; x++) {
        const taps = columnCount[x];
        const base = x * columnStride;
        let p = sourceRow + columnStart[x] * 3;
        let red = 0;
        let green = 0;
        let blue = 0;
        for (let t = 0; t < taps; t++, p += 3) {
          const weight = columnWeights[base + t];
          red += weight * source[p];
          green += weight * source[p + 1];
          blue += weight * source[p + 2];
        }
        rows[out++] = red;
        rows[out++] = green;
        rows[out++] = blue;
      }
    } else {
      for (let x = 0; x < outWidth; x++) {
        const taps = columnCount[x];
        const base = x * columnStride;
        const p = sourceRow + columnStart[x];
        let value = 0;
        for (let t = 0; t < taps; t++) value += columnWeights[base + t] * source[p + t];
        rows[out++] = value;
      }
    }
  }

  // Vertical pass: output row y is the weighted sum of rows of `rows`, accumulated in
  // double precision so that a convex combination of values <= 1 never rounds above 1.
  for (let y = 0; y < outHeight; y++) {
    const taps = rowCount[y];
    const base = y * rowStride;
    const out = targetOffset + y * rowLength;
    const from = rowStart[y] * rowLength;
    if (taps === 1) {
      for (let k = 0; k < rowLength; k++) target[out + k] = rows[from + k];
    } else if (taps === 2) {
      const first = rowWeights[base];
      const second = rowWeights[base + 1];
      const next = from + rowLength;
      for (let k = 0; k < rowLength; k++) target[out + k] = first * rows[from + k] + second * rows[next + k];
    } else {
      for (let k = 0; k < rowLength; k++) {
        let value = 0;
        for (let t = 0, p = from + k; t < taps; t++, p += rowLength) value += rowWeights[base + t] * rows[p];
        target[out + k] = value;
      }
    }
  }
}

export interface ResizeBilinearOptions {
  /** Output height in pixels. */
  height: number;
  /** Output width in pixels. */
  width: number;
}

const RESIZE = 'resizeBilinear';

/**
 * Resizes every image of a batch with bilinear interpolation (half-pixel centres,
 * edge clamping, and a widened triangle filter when downsampling, as PIL's bilinear
 * resize that torchvision uses for PIL images).
 *
 * @param images A batch [N, H, W, C], values in [0, 1].
 * @param options `height` and `width` of the output, positive integers.
 * @returns A new batch [N, height, width, C].
 *
 * @example
 * const small = resizeBilinear(images, { height: 16, width: 16 });
 */
export function resizeBilinear(images: ImageBatch, options: ResizeBilinearOptions): ImageBatch {
  assertImageBatch(RESIZE, 'images', images);
  assertPositiveInteger(RESIZE, 'options.height', options?.height);
  assertPositiveInteger(RESIZE, 'options.width', options?.width);
  const { batch, height, width, channels } = images;
  const output = createImageBatch({ batch, height: options.height, width: options.width, channels });
  const scratch = createResampleScratch(height, width, options.height, options.width, channels);
  const sourceSize = height * width * channels;
  const targetSize = options.height * options.width * channels;
  for (let n = 0; n < batch; n++) {
    resampleRegion(
      images.data,
      n * sourceSize,
      width,
      channels,
      0,
      0,
      height,
      width,
      output.data,
      n * targetSize,
      options.height,
      options.width,
      false,
      scratch,
    );
  }
  return output;
}
