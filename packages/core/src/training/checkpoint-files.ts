import * as tf from '../tf.js';
import type { CheckpointContents } from './checkpoint.js';
import { type CheckpointManifest, checkpointManifestText } from './checkpoint-manifest.js';

/** One file of a checkpoint folder, in memory: its path relative to the folder (forward slashes) and its bytes. */
export interface CheckpointFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Encodes a checkpoint into the files of its folder, in memory and in the order they are
 * written: `trainer.json`, `state.json`, each model in the tfjs layers format
 * (`models/<name>/model.json`, `weights.bin`, and `weights.json`, the same weights as a
 * named-tensor pair so that resume restores them by name), then each tensor group
 * (`<name>.json` and `<name>.bin`). The manifest is not among them: it is written last,
 * from the files on disk. Encoding everything before writing anything gives the size of
 * the checkpoint up front (`checkpointBytes`), for the message when the disk is full.
 *
 * @example
 * const files = await encodeCheckpointFiles(contents);
 * files.map((file) => file.path); // ['trainer.json', 'state.json', 'models/encoder/model.json', ..., 'optimizer.bin']
 */
export async function encodeCheckpointFiles(contents: CheckpointContents): Promise<CheckpointFile[]> {
  const text = (path: string, value: unknown, indent?: number) => ({ path, bytes: new TextEncoder().encode(JSON.stringify(value, null, indent)) });
  const files: CheckpointFile[] = [text('trainer.json', contents.trainer, 2), text('state.json', contents.json)];
  for (const [name, model] of Object.entries(contents.models)) {
    const artifacts = await layersModelArtifacts(model);
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: 'layers-model',
      generatedBy: 'selfsup',
      convertedBy: null,
      weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
    };
    files.push(
      text(`models/${name}/model.json`, modelJson),
      { path: `models/${name}/weights.bin`, bytes: new Uint8Array(artifacts.weightData as ArrayBuffer) },
      text(`models/${name}/weights.json`, artifacts.weightSpecs),
    );
  }
  for (const [name, tensors] of Object.entries(contents.tensors)) {
    const { data, specs } = await tf.io.encodeWeights(tensors);
    files.push(text(`${name}.json`, specs), { path: `${name}.bin`, bytes: new Uint8Array(data) });
  }
  return files;
}

/**
 * The bytes a checkpoint folder takes: its files and its manifest (whose length is known
 * before any hash: a SHA-256 is always 64 hex digits). The free space a checkpoint needs,
 * as the disk-full message states it (the previous checkpoint stays until the new one is
 * in place).
 *
 * @example
 * checkpointBytes(10, { models: ['encoder'], tensors: ['variables'] }, files); // 96872
 */
export function checkpointBytes(step: number, parts: CheckpointManifest['parts'], files: CheckpointFile[]): number {
  const placeholder = '0'.repeat(64);
  const entries = Object.fromEntries(files.map((file) => [file.path, { size: file.bytes.length, sha256: placeholder }]));
  const manifest = new TextEncoder().encode(checkpointManifestText(step, parts, entries)).length;
  return files.reduce((total, file) => total + file.bytes.length, manifest);
}

/** A model's layers-format artifacts (topology, weight specs, weight bytes), saved to memory. */
async function layersModelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}
