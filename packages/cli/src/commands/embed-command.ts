import { join } from 'node:path';
import { Command } from 'commander';
import { initBackend } from '@selfsup/core';
import { SkippedImages } from '@selfsup/vision';
import type { ImageShape } from '@selfsup/vision';
import { openImageFolder } from '../datasets.js';
import { type EncoderInput, encoderSplit } from '../encoder-input.js';
import { loadRunEncoder } from '../load-encoder.js';
import { encodeNpy } from '../npy.js';
import { embedSplit } from '../probes.js';
import { RUN_FILES, assertRunDirectory, readJsonObject, writeFileAtomically } from '../run-files.js';
import { UsageError } from '../usage-error.js';
import { embedTextLines } from '../text/embed-text.js';
import { isWordVectorMethod } from '../text/run-word-vectors.js';
import type { CommandIo } from './command-io.js';

/** Output formats of `selfsup embed`, by the --out file's extension. */
export const EMBED_FORMATS = ['.npy', '.jsonl'] as const;

/**
 * `selfsup embed --checkpoint DIR --input FOLDER --out FILE`: embeds every image of a folder
 * with a run's encoder (resized like the run's images). `.npy`: a float32 [N, D] matrix, with
 * the files in row order in FILE.files.txt; `.jsonl`: one `{ file, label?, embedding }` per line.
 * An image that does not decode is left out with one warning naming it (`--strict-data`: exit 1).
 * A text run embeds the lines of a UTF-8 file instead (`embedTextLines`: words for Word2Vec
 * and GloVe, texts for GPT, BERT, T5 and BART): `.npy` with the lines in FILE.lines.txt,
 * `.jsonl` with one `{ word | text, embedding }` per line.
 *
 * @example
 * program.addCommand(embedCommand(io));
 */
export function embedCommand(io: CommandIo): Command {
  return new Command('embed')
    .description("embed every image of a folder (or every line of a text file, for a text run) with a run's encoder")
    .requiredOption('--checkpoint <dir>', 'run directory written by selfsup pretrain')
    .requiredOption(
      '--input <folder|file>',
      'folder of images (flat, or one sub-folder per class); for a text run, a UTF-8 file with one word or text per line',
    )
    .requiredOption('--out <file>', `output file: ${EMBED_FORMATS.join(' or ')}`)
    .option('--strict-data', 'fail on the first image that does not decode instead of leaving it out')
    .action(async (flags: { checkpoint: string; input: string; out: string; strictData?: boolean }) => {
      const format = EMBED_FORMATS.find((extension) => flags.out.toLowerCase().endsWith(extension));
      if (!format) throw new UsageError(`--out '${flags.out}' must end in ${EMBED_FORMATS.join(' or ')}`);
      assertRunDirectory(flags.checkpoint, '--checkpoint');
      const config = await readJsonObject(join(flags.checkpoint, RUN_FILES.config), '--checkpoint');
      if (config.modality === 'text') {
        const embedded = await embedTextLines(flags.checkpoint, config, flags.input, io.error);
        const key = isWordVectorMethod(String(config.method)) ? 'word' : 'text';
        if (format === '.npy') {
          await writeFileAtomically(flags.out, encodeNpy(embedded.values, [embedded.items.length, embedded.dimension]));
          await writeFileAtomically(`${flags.out}.lines.txt`, `${embedded.items.join('\n')}\n`);
        } else {
          const rows = embedded.items.map((item, i) =>
            JSON.stringify({ [key]: item, embedding: Array.from(embedded.values.subarray(i * embedded.dimension, (i + 1) * embedded.dimension)) }),
          );
          await writeFileAtomically(flags.out, `${rows.join('\n')}\n`);
        }
        io.log(`selfsup: ${embedded.items.length} embeddings of dimension ${embedded.dimension} -> ${flags.out}`);
        return;
      }
      const [height, , channels] = config.imageShape as ImageShape;
      await initBackend();
      const skipped = new SkippedImages({ strict: flags.strictData, warn: io.error });
      const folder = await openImageFolder(flags.input, { imageSize: height, channels: channels as 1 | 3, warn: io.error, skipped });
      if (folder.files.length === 0) throw new UsageError(`--input '${flags.input}' holds no images`);
      const all = encoderSplit((config.encoderInput ?? 'image') as EncoderInput, folder.subset(folder.files.map((_, i) => i)));
      const encoder = await loadRunEncoder(flags.checkpoint, { warn: io.error });
      try {
        const features = await embedSplit(encoder, all);
        // Row i of the features is file `files[i]`: the files that decoded, in order.
        const files = Array.from(features.rows, (row) => folder.files[row]);
        const labels = folder.labels && Array.from(features.rows, (row) => folder.labels![row]);
        if (format === '.npy') {
          await writeFileAtomically(flags.out, encodeNpy(features.values as Float32Array, [features.count, features.dimension]));
          await writeFileAtomically(`${flags.out}.files.txt`, `${files.join('\n')}\n`);
        } else {
          const lines = files.map((file, i) => {
            const label = labels ? { label: folder.classes[labels[i]] } : {};
            return JSON.stringify({
              file,
              ...label,
              embedding: Array.from(features.values.subarray(i * features.dimension, (i + 1) * features.dimension)),
            });
          });
          await writeFileAtomically(flags.out, `${lines.join('\n')}\n`);
        }
        const left = skipped.count === 0 ? '' : ` (${skipped.count} image${skipped.count === 1 ? '' : 's'} that did not decode left out)`;
        io.log(`selfsup: ${features.count} embeddings of dimension ${features.dimension} -> ${flags.out}${left}`);
      } finally {
        encoder.dispose();
      }
    });
}
