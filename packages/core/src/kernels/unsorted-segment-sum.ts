import type { TensorInfo, UnsortedSegmentSumAttrs } from '../tf.js';
import { type KernelArgs, type KernelFunction, readValues, writeOutput } from './kernel-tools.js';

/**
 * UnsortedSegmentSum as a typed-array scatter-add. It is the gradient of gather, so
 * without it embedding layers cannot train on wasm (no kernel) and train slowly on cpu
 * (the built-in one is composed of Equal/Tile/Multiply ops: seconds per step).
 * Ids outside [0, numSegments) are dropped, as in TensorFlow.
 */
export const unsortedSegmentSumKernel: KernelFunction = (args: KernelArgs) => {
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as unknown as UnsortedSegmentSumAttrs;
  const idCount = segmentIds.shape.reduce((a, b) => a * b, 1);
  const innerShape = x.shape.slice(segmentIds.shape.length);
  const inner = innerShape.reduce((a, b) => a * b, 1);
  const values = readValues(args.backend, x);
  const ids = readValues(args.backend, segmentIds);
  const dtype = x.dtype === 'int32' ? 'int32' : 'float32';
  const out = dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let n = 0; n < idCount; n++) {
    const segment = ids[n];
    if (segment < 0 || segment >= numSegments) continue;
    const source = n * inner;
    const target = segment * inner;
    for (let k = 0; k < inner; k++) out[target + k] += values[source + k];
  }
  return writeOutput(args.backend, out, [numSegments, ...innerShape], dtype);
};
