import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomically } from '../io/write-file-atomically.js';

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

const LATEST = 'latest.json';
const stepDirectoryName = (step: number) => `step-${String(step).padStart(8, '0')}`;

/**
 * Writes a checkpoint atomically: everything goes into a temporary directory first,
 * which is renamed into place, and only then does `latest.json` (itself written to a
 * temporary file and renamed) point at it. A crash at any moment leaves the previous
 * checkpoint intact and `latest.json` naming a complete one. Keeps the newest `keep`.
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
  await mkdir(directory, { recursive: true });
  const finalName = stepDirectoryName(step);
  const temporary = join(directory, `.${finalName}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(temporary, { recursive: true });
  try {
    await writeFile(join(temporary, 'trainer.json'), JSON.stringify(contents.trainer, null, 2));
    await writeFile(join(temporary, 'state.json'), JSON.stringify(contents.json));
    for (const [name, model] of Object.entries(contents.models)) {
      await saveLayersModel(model, join(temporary, 'models', name));
    }
    for (const [name, tensors] of Object.entries(contents.tensors)) {
      const { data, specs } = await tf.io.encodeWeights(tensors);
      await writeFile(join(temporary, `${name}.json`), JSON.stringify(specs));
      await writeFile(join(temporary, `${name}.bin`), Buffer.from(data));
    }
    const target = join(directory, finalName);
    await rm(target, { recursive: true, force: true });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  await writeFileAtomically(join(directory, LATEST), JSON.stringify({ step, path: finalName }));
  await pruneCheckpoints(directory, options.keep ?? 2);
  return join(directory, finalName);
}

/**
 * Reads the checkpoint `latest.json` points at, or returns null when there is none.
 *
 * @example
 * const checkpoint = await readLatestCheckpoint('runs/simclr/checkpoints');
 */
export async function readLatestCheckpoint(directory: string): Promise<LoadedCheckpoint | null> {
  let latest: { path: string };
  try {
    latest = JSON.parse(await readFile(join(directory, LATEST), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`readLatestCheckpoint: ${join(directory, LATEST)} is unreadable: ${(error as Error).message}`);
  }
  return readCheckpoint(join(directory, latest.path));
}

/** Reads one checkpoint directory written by `writeCheckpoint`. */
export async function readCheckpoint(path: string): Promise<LoadedCheckpoint> {
  const readJson = async (file: string) => {
    try {
      return JSON.parse(await readFile(join(path, file), 'utf8'));
    } catch (error) {
      throw new Error(`readCheckpoint: ${join(path, file)} is missing or corrupt: ${(error as Error).message}`);
    }
  };
  const decode = async (base: string): Promise<NamedTensor[]> => {
    const specs = (await readJson(`${base}.json`)) as tf.io.WeightsManifestEntry[];
    const buffer = await readFile(join(path, `${base}.bin`));
    const map = tf.io.decodeWeights(new Uint8Array(buffer).buffer, specs);
    return specs.map((spec) => ({ name: spec.name, tensor: map[spec.name] }));
  };
  const entries = await readdir(path, { withFileTypes: true });
  const tensors: LoadedCheckpoint['tensors'] = {};
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.bin')) tensors[entry.name.slice(0, -4)] = await decode(entry.name.slice(0, -4));
  }
  const models: LoadedCheckpoint['models'] = {};
  const modelNames = entries.some((e) => e.name === 'models' && e.isDirectory()) ? await readdir(join(path, 'models')) : [];
  for (const name of modelNames) {
    const modelJson = await readJson(join('models', name, 'model.json'));
    const weights = await decode(join('models', name, 'weights'));
    models[name] = { modelJson, weights };
  }
  return { directory: path, trainer: await readJson('trainer.json'), models, tensors, json: await readJson('state.json') };
}

/** Saves a model in the tfjs layers format (model.json + weights.bin), loadable with tf.loadLayersModel. */
async function saveLayersModel(model: tf.LayersModel, directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData as ArrayBuffer;
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: 'selfsup',
        convertedBy: null,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(directory, 'model.json'), JSON.stringify(modelJson));
      await writeFile(join(directory, 'weights.bin'), Buffer.from(weightData));
      // Also as a named-tensor pair, so resume can restore weights by order without re-parsing.
      await writeFile(join(directory, 'weights.json'), JSON.stringify(artifacts.weightSpecs));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

async function pruneCheckpoints(directory: string, keep: number): Promise<void> {
  const steps = (await readdir(directory)).filter((name) => /^step-\d{8}$/.test(name)).sort();
  for (const name of steps.slice(0, Math.max(0, steps.length - keep))) {
    await rm(join(directory, name), { recursive: true, force: true });
  }
  // Leftovers of writes interrupted by a crash.
  for (const name of (await readdir(directory)).filter((n) => n.includes('.partial-'))) {
    if (!name.includes(`.partial-${process.pid}-`)) await rm(join(directory, name), { recursive: true, force: true });
  }
}
