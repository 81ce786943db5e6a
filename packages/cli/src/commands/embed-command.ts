import { join } from 'node:path';
import { Command } from 'commander';
import { initBackend } from '@selfsup/core';
import type { ImageShape } from '../backbones.js';
import { openImageFolder } from '../datasets.js';
import { type EncoderInput, encoderSplit } from '../encoder-input.js';
import { loadRunEncoder } from '../load-encoder.js';
import { encodeNpy } from '../npy.js';
import { embedSplit } from '../probes.js';
import { RUN_FILES, assertRunDirectory, readJsonObject, writeFileAtomically } from '../run-files.js';
import { UsageError } from '../usage-error.js';
import type { CommandIo } from './command-io.js';

/** Output formats of `selfsup embed`, by the --out file's extension. */
export const EMBED_FORMATS = ['.npy', '.jsonl'] as const;

/**
 * `selfsup embed --checkpoint DIR --input FOLDER --out FILE`: embeds every image of a folder
 * with a run's encoder (resized like the run's images). `.npy`: a float32 [N, D] matrix, with
 * the files in row order in FILE.files.txt; `.jsonl`: one `{ file, label?, embedding }` per line.
 *
 * @example
 * program.addCommand(embedCommand(io));
 */
export function embedCommand(io: CommandIo): Command {
  return new Command('embed')
    .description("embed every image of a folder with a run's encoder")
    .requiredOption('--checkpoint <dir>', 'run directory written by selfsup pretrain')
    .requiredOption('--input <folder>', 'folder of images (flat, or one sub-folder per class)')
    .requiredOption('--out <file>', `output file: ${EMBED_FORMATS.join(' or ')}`)
    .action(async (flags: { checkpoint: string; input: string; out: string }) => {
      const format = EMBED_FORMATS.find((extension) => flags.out.toLowerCase().endsWith(extension));
      if (!format) throw new UsageError(`--out '${flags.out}' must end in ${EMBED_FORMATS.join(' or ')}`);
      assertRunDirectory(flags.checkpoint, '--checkpoint');
      const config = await readJsonObject(join(flags.checkpoint, RUN_FILES.config), '--checkpoint');
      const [height, , channels] = config.imageShape as ImageShape;
      await initBackend();
      const folder = await openImageFolder(flags.input, { imageSize: height, channels: channels as 1 | 3, warn: io.error });
      const { files } = folder;
      if (files.length === 0) throw new UsageError(`--input '${flags.input}' holds no images`);
      const all = encoderSplit((config.encoderInput ?? 'image') as EncoderInput, folder.subset(files.map((_, i) => i)));
      const encoder = await loadRunEncoder(flags.checkpoint);
      try {
        const features = await embedSplit(encoder, all);
        if (format === '.npy') {
          await writeFileAtomically(flags.out, encodeNpy(features.values as Float32Array, [features.count, features.dimension]));
          await writeFileAtomically(`${flags.out}.files.txt`, `${files.join('\n')}\n`);
        } else {
          const lines = files.map((file, i) => {
            const label = folder.labels ? { label: folder.classes[folder.labels[i]] } : {};
            return JSON.stringify({
              file,
              ...label,
              embedding: Array.from(features.values.subarray(i * features.dimension, (i + 1) * features.dimension)),
            });
          });
          await writeFileAtomically(flags.out, `${lines.join('\n')}\n`);
        }
        io.log(`selfsup: ${features.count} embeddings of dimension ${features.dimension} -> ${flags.out}`);
      } finally {
        encoder.dispose();
      }
    });
}
