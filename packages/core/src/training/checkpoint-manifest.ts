import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../io/write-file-atomically.js';
import { CheckpointError } from './training-errors.js';

/** The manifest's file name inside a checkpoint folder. */
export const CHECKPOINT_MANIFEST = 'manifest.json';

/** What a checkpoint folder holds, written last: every file's size and SHA-256, and the parts it must have. */
export interface CheckpointManifest {
  format: 'selfsup-checkpoint';
  version: 1;
  step: number;
  /** Models (each models/<name>/model.json, weights.bin, weights.json) and tensor groups (each <name>.json and <name>.bin). */
  parts: { models: string[]; tensors: string[] };
  /** Every other file of the folder, by its path relative to it (forward slashes). */
  files: Record<string, { size: number; sha256: string }>;
}

/** The files a checkpoint with these parts must hold, relative to its folder. */
export function expectedCheckpointFiles(parts: CheckpointManifest['parts']): string[] {
  return [
    'trainer.json',
    'state.json',
    ...parts.models.flatMap((name) => ['model.json', 'weights.bin', 'weights.json'].map((file) => `models/${name}/${file}`)),
    ...parts.tensors.flatMap((name) => [`${name}.json`, `${name}.bin`]),
  ];
}

/**
 * Writes `manifest.json` into a checkpoint folder (atomically, fsynced): the size and
 * SHA-256 of each of its files and the parts it holds. Written after every other file, so
 * a folder with a manifest is complete.
 *
 * @example
 * await writeCheckpointManifest(temporary, 10, { models: ['encoder'], tensors: ['variables', 'optimizer'] });
 */
export async function writeCheckpointManifest(directory: string, step: number, parts: CheckpointManifest['parts']): Promise<void> {
  const files: CheckpointManifest['files'] = {};
  for (const file of expectedCheckpointFiles(parts)) {
    const bytes = await readFile(join(directory, file));
    files[file] = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  await writeFileAtomically(join(directory, CHECKPOINT_MANIFEST), checkpointManifestText(step, parts, files));
}

/**
 * The text of `manifest.json` for a checkpoint of `step` with these parts and files.
 *
 * @example
 * checkpointManifestText(10, { models: [], tensors: ['variables'] }, { 'variables.bin': { size: 8, sha256: '5f…' } });
 */
export function checkpointManifestText(step: number, parts: CheckpointManifest['parts'], files: CheckpointManifest['files']): string {
  const manifest: CheckpointManifest = { format: 'selfsup-checkpoint', version: 1, step, parts, files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Checks a checkpoint folder against its manifest: every file a part needs is listed, and
 * every listed file is there with its size and SHA-256. Throws a `CheckpointError` naming
 * the first file that fails and why; returns the manifest.
 *
 * @example
 * const manifest = await verifyCheckpointManifest('runs/simclr/checkpoints/step-00000010');
 * manifest.parts.tensors; // ['variables', 'optimizer', 'method']
 */
export async function verifyCheckpointManifest(directory: string): Promise<CheckpointManifest> {
  const path = join(directory, CHECKPOINT_MANIFEST);
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CheckpointError(
      path,
      missing
        ? 'is missing: the folder is incomplete, or was written by a selfsup without verified checkpoints'
        : `is not valid JSON (${(error as Error).message})`,
    );
  }
  const names = (value: unknown) => Array.isArray(value) && value.every((name) => typeof name === 'string');
  if (
    manifest?.format !== 'selfsup-checkpoint' ||
    manifest.version !== 1 ||
    !names(manifest.parts?.models) ||
    !names(manifest.parts?.tensors) ||
    typeof manifest.files !== 'object' ||
    manifest.files === null
  ) {
    throw new CheckpointError(path, 'is not a selfsup checkpoint manifest (expected format "selfsup-checkpoint", version 1, parts and files)');
  }
  for (const file of expectedCheckpointFiles(manifest.parts)) {
    if (!manifest.files[file]) throw new CheckpointError(path, `does not list ${file}, which its parts need`);
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const full = join(directory, file);
    let size: number;
    try {
      size = (await stat(full)).size;
    } catch {
      throw new CheckpointError(full, 'is missing (the manifest lists it)');
    }
    if (size !== expected.size)
      throw new CheckpointError(full, `holds ${size} bytes, the manifest says ${expected.size} (the file is truncated or damaged)`);
    const sha256 = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
    if (sha256 !== expected.sha256) throw new CheckpointError(full, 'SHA-256 differs from the manifest (the file is damaged)');
  }
  return manifest;
}
