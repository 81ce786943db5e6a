import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '../tf.js';
import { syncDirectory, writeFileAtomically } from '../io/write-file-atomically.js';
import { encodeCheckpointFiles, checkpointBytes } from './checkpoint-files.js';
import {
  LATEST_CHECKPOINT,
  checkpointFolderName,
  listCheckpointFolders,
  pruneCheckpoints,
  readLatestPointer,
  writeLatestPointer,
} from './checkpoint-folders.js';
import { CHECKPOINT_MANIFEST, type CheckpointManifest, verifyCheckpointManifest, writeCheckpointManifest } from './checkpoint-manifest.js';
import { CheckpointError, CheckpointWriteError } from './training-errors.js';

/** A tensor with a name, as tfjs optimizers' getWeights() returns them. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Everything a checkpoint holds, in memory. */
export interface CheckpointContents {
  /** Trainer bookkeeping: step, epoch, batch within the epoch, seed, config, ... (JSON). */
  trainer: Record<string, unknown>;
  /** Models saved in the tfjs layers format (model.json + weights.bin each). */
  models: Record<string, tf.LayersModel>;
  /** Named tensors saved as one binary each: variables, optimizer slots, method state. */
  tensors: Record<string, NamedTensor[]>;
  /** Extra JSON (e.g. method state that is not tensors). */
  json: Record<string, unknown>;
}

/** A checkpoint read back from disk: tensors decoded, models as layers-format artifacts. */
export interface LoadedCheckpoint {
  directory: string;
  trainer: Record<string, unknown>;
  models: Record<string, { modelJson: Record<string, unknown>; weights: NamedTensor[] }>;
  tensors: Record<string, NamedTensor[]>;
  json: Record<string, unknown>;
}

/** Bytes per value of each dtype tfjs encodes (strings have no fixed size and are not checked). */
const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/**
 * Writes a checkpoint atomically and durably: every file goes into a temporary folder,
 * each fsynced, then `manifest.json` (each file's size and SHA-256, the parts held), then
 * the folders are fsynced and the temporary one renamed into place (`step-00000010`), and
 * only then does `latest.json` point at it. A crash at any moment leaves the previous
 * checkpoint intact and `latest.json` naming a complete one. A write that fails (the disk
 * is full) removes the temporary folder and throws a `CheckpointWriteError` naming the file
 * and the bytes a checkpoint needs; the previous checkpoint and `latest.json` stay as they
 * were. Keeps the `keep` newest by step number, never the one `latest.json` names (see
 * `pruneCheckpoints`).
 *
 * @example
 * const path = await writeCheckpoint('runs/simclr/checkpoints', step, contents);
 */
export async function writeCheckpoint(
  directory: string,
  step: number,
  contents: CheckpointContents,
  options: { keep?: number } = {},
): Promise<string> {
  const parts = { models: Object.keys(contents.models), tensors: Object.keys(contents.tensors) };
  const files = await encodeCheckpointFiles(contents);
  const target = join(directory, checkpointFolderName(step));
  const temporary = join(directory, `.${checkpointFolderName(step)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  // What is being written, named as it is once in place: the file a failure message names.
  let writing = directory;
  const failed = (error: unknown) => new CheckpointWriteError(step, writing, checkpointBytes(step, parts, files), error as Error);
  try {
    await mkdir(temporary, { recursive: true });
    for (const file of files) {
      writing = join(target, file.path);
      await mkdir(dirname(join(temporary, file.path)), { recursive: true });
      await writeFileAtomically(join(temporary, file.path), file.bytes);
    }
    writing = join(target, 'models');
    if (parts.models.length > 0) await syncDirectory(join(temporary, 'models'));
    writing = join(target, CHECKPOINT_MANIFEST);
    await writeCheckpointManifest(temporary, step, parts);
    writing = target;
    await rm(target, { recursive: true, force: true });
    await rename(temporary, target);
    await syncDirectory(directory);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => {});
    throw failed(error);
  }
  writing = join(directory, LATEST_CHECKPOINT);
  await writeLatestPointer(directory, step).catch((error) => {
    throw failed(error);
  });
  await pruneCheckpoints(directory, step, options.keep ?? 2);
  return target;
}

/**
 * Reads the newest checkpoint of a checkpoints directory that verifies: the one
 * `latest.json` names first, then the other step folders, newest step first. Each one
 * passed over is named in one `warn` line with its file and reason; `latest.json`, when
 * missing, damaged or naming a bad checkpoint, is rewritten to name the one read. Returns
 * null when there is no checkpoint at all; throws, listing every reason, when none verifies.
 *
 * @example
 * const checkpoint = await readLatestCheckpoint('runs/simclr/checkpoints', { warn: console.warn });
 */
export async function readLatestCheckpoint(directory: string, options: { warn?: (line: string) => void } = {}): Promise<LoadedCheckpoint | null> {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const latest = await readLatestPointer(directory);
  const folders = (await listCheckpointFolders(directory)).map((folder) => folder.name);
  if (latest && !folders.includes(latest.path))
    warn(`selfsup: ${join(directory, 'latest.json')} names ${latest.path}, which is missing; using the step folders`);
  if (!latest && folders.length > 0) warn(`selfsup: ${join(directory, 'latest.json')} is missing or unreadable; rebuilding it from the step folders`);
  const candidates = latest && folders.includes(latest.path) ? [latest.path, ...folders.filter((name) => name !== latest.path)] : folders;
  const reasons: string[] = [];
  for (const [index, name] of candidates.entries()) {
    try {
      const checkpoint = await readCheckpoint(join(directory, name));
      if (name !== latest?.path) await writeLatestPointer(directory, Number(name.slice('step-'.length)));
      return checkpoint;
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      reasons.push(error.message);
      const next = candidates[index + 1];
      if (next) warn(`selfsup: ${error.message}; falling back to ${join(directory, next)}`);
    }
  }
  if (candidates.length === 0) return null;
  throw new Error(`readLatestCheckpoint: no checkpoint in ${directory} verifies: ${reasons.join('; ')}`);
}

/**
 * Reads one checkpoint folder written by `writeCheckpoint`, verifying it first: its
 * manifest, every file's size and SHA-256, every part the manifest names (models,
 * optimizer slots, method state), and that every float weight is finite. Throws a
 * `CheckpointError` naming the file and the reason.
 *
 * @example
 * const checkpoint = await readCheckpoint('runs/simclr/checkpoints/step-00000010');
 */
export async function readCheckpoint(path: string): Promise<LoadedCheckpoint> {
  const manifest: CheckpointManifest = await verifyCheckpointManifest(path);
  const readJson = async (file: string) => {
    try {
      return JSON.parse(await readFile(join(path, file), 'utf8'));
    } catch (error) {
      throw new CheckpointError(join(path, file), `is missing or corrupt: ${(error as Error).message}`);
    }
  };
  const decode = async (base: string): Promise<NamedTensor[]> => {
    const specs = (await readJson(`${base}.json`)) as tf.io.WeightsManifestEntry[];
    const file = join(path, `${base}.bin`);
    const buffer = await readFile(file);
    const expected = specs.reduce((bytes, spec) => bytes + spec.shape.reduce((a, b) => a * b, 1) * (BYTES_PER_VALUE[spec.dtype] ?? Number.NaN), 0);
    if (!Number.isNaN(expected) && buffer.length !== expected) {
      throw new CheckpointError(file, `holds ${buffer.length} bytes, its ${base}.json describes ${expected}`);
    }
    let map: tf.NamedTensorMap;
    try {
      map = tf.io.decodeWeights(new Uint8Array(buffer).buffer, specs);
    } catch (error) {
      throw new CheckpointError(file, `does not decode with its ${base}.json: ${(error as Error).message}`);
    }
    const tensors = specs.map((spec) => ({ name: spec.name, tensor: map[spec.name] }));
    for (const { name, tensor } of tensors) {
      if (tensor.dtype !== 'float32') continue;
      const values = tensor.dataSync();
      let bad = 0;
      for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) bad++;
      if (bad > 0) {
        tf.dispose(tensors.map((t) => t.tensor));
        throw new CheckpointError(
          file,
          `'${name}' holds ${bad} values that are not finite (NaN or Infinity): the run had diverged when it was saved`,
        );
      }
    }
    return tensors;
  };
  const loaded: LoadedCheckpoint = {
    directory: path,
    trainer: await readJson('trainer.json'),
    models: {},
    tensors: {},
    json: await readJson('state.json'),
  };
  try {
    for (const name of manifest.parts.tensors) loaded.tensors[name] = await decode(name);
    for (const name of manifest.parts.models) {
      const modelJson = await readJson(join('models', name, 'model.json'));
      loaded.models[name] = { modelJson, weights: await decode(join('models', name, 'weights')) };
    }
  } catch (error) {
    tf.dispose([...Object.values(loaded.tensors).flat(), ...Object.values(loaded.models).flatMap((m) => m.weights)].map((t) => t.tensor));
    throw error;
  }
  return loaded;
}
