import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@selfsup/core/tf';
import { registerSelfsupLayers } from '@selfsup/core';
import { readLatestCheckpoint } from '@selfsup/core/node';
import { RUN_FILES, assertRunDirectory } from './run-files.js';

/**
 * Loads the encoder of a run's newest checkpoint that verifies (manifest, SHA-256 of every
 * file, finite weights; tfjs layers format: model.json + weights.bin under
 * checkpoints/step-N/models/encoder), ready for inference; `model` names another of the
 * checkpoint's models (a text run's 'bert', 't5' or 'bart' pre-training model). A damaged checkpoint is passed
 * over with a `warn` line naming the file and the reason (default console.warn); an error
 * lists every reason when none verifies.
 *
 * @example
 * const encoder = await loadRunEncoder('runs/simclr-mnist');
 * const embeddings = encoder.predict(images); // [B, 128]
 */
export async function loadRunEncoder(directory: string, options: { warn?: (line: string) => void; model?: string } = {}): Promise<tf.LayersModel> {
  const name = options.model ?? 'encoder';
  assertRunDirectory(directory, '--checkpoint');
  registerSelfsupLayers();
  const checkpoint = await readLatestCheckpoint(join(directory, RUN_FILES.checkpoints), options);
  if (!checkpoint) throw new Error(`loadRunEncoder: '${directory}' holds no checkpoint`);
  // Verified; the encoder is read again below in the layers format, the rest is not needed.
  tf.dispose(
    [...Object.values(checkpoint.tensors).flat(), ...Object.values(checkpoint.models).flatMap((model) => model.weights)].map((t) => t.tensor),
  );
  if (!checkpoint.models[name]) throw new Error(`loadRunEncoder: checkpoint ${checkpoint.directory} holds no model '${name}'`);
  const modelDirectory = join(checkpoint.directory, 'models', name);
  const modelJson = checkpoint.models[name].modelJson as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const weights = await readFile(join(modelDirectory, 'weights.bin'));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: new Uint8Array(weights).buffer,
    }),
  );
}
