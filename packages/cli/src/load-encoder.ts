import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { registerSelfsupLayers } from '@selfsup/core';
import { RUN_FILES, assertRunDirectory } from './run-files.js';

/**
 * Loads the encoder of a run's latest checkpoint (tfjs layers format: model.json +
 * weights.bin under checkpoints/step-N/models/encoder), ready for inference.
 *
 * @example
 * const encoder = await loadRunEncoder('runs/simclr-mnist');
 * const embeddings = encoder.predict(images); // [B, 128]
 */
export async function loadRunEncoder(directory: string): Promise<tf.LayersModel> {
  assertRunDirectory(directory, '--checkpoint');
  registerSelfsupLayers();
  const checkpoints = join(directory, RUN_FILES.checkpoints);
  const latest = JSON.parse(await readFile(join(checkpoints, 'latest.json'), 'utf8')) as { path: string };
  const modelDirectory = join(checkpoints, latest.path, 'models', 'encoder');
  const modelJson = JSON.parse(await readFile(join(modelDirectory, 'model.json'), 'utf8'));
  const weights = await readFile(join(modelDirectory, 'weights.bin'));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: new Uint8Array(weights).buffer,
    }),
  );
}
