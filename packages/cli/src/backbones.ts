import type * as tf from '@tensorflow/tfjs';
import { seededScope } from '@selfsup/core';
import { BACKBONE_NAMES, type ImageShape, buildBackbone as buildVisionBackbone } from '@selfsup/vision';
import { UsageError, choices } from './usage-error.js';

export type { ImageShape } from '@selfsup/vision';

/**
 * Builds a named backbone of the recipe book for inputs of `shape`, its weights drawn
 * under `seed` (the same seed gives the same random-init encoder as the run's, the
 * baseline the probes compare against). An unknown name is a usage error.
 *
 * @example
 * const encoder = buildBackbone('convnet', [28, 28, 1], 0); // [B, H, W, 1] -> [B, 128]
 */
export function buildBackbone(name: string, shape: ImageShape, seed: number): tf.LayersModel {
  if (!(BACKBONE_NAMES as readonly string[]).includes(name)) throw new UsageError(`unknown backbone '${name}'; ${choices(BACKBONE_NAMES)}`);
  return seededScope(seed, () => buildVisionBackbone(name, shape));
}
