import { join } from 'node:path';
import { Command } from 'commander';
import { initBackend } from '@selfsup/core';
import { type ImageShape, SkippedImages, encoderFor } from '@selfsup/vision';
import { openDataset } from '../datasets.js';
import { type EncoderInput, encoderDataset } from '../encoder-input.js';
import { loadRunEncoder } from '../load-encoder.js';
import { probeSkipReason } from '../probe-classes.js';
import { PROBES, type ProbeName, probeEncoder, probeRawPixels } from '../probes.js';
import { RUN_FILES, assertRunDirectory, readJsonObject } from '../run-files.js';
import { UsageError, choices } from '../usage-error.js';
import { parseNumber } from '../parse-number.js';
import type { CommandIo } from './command-io.js';
import { evaluateTextRun } from '../text/eval-text.js';

/**
 * `selfsup eval --checkpoint DIR`: probes a run's encoder (linear or kNN) against the same
 * backbone at random init and the raw pixels, on the run's stratified sample of training
 * images; `--json` prints one machine-readable object. A dataset with fewer than two
 * classes (in either split) is not probed: a note says why (`skipped: true` and `reason`
 * with `--json`) and the command exits 0. An image that does not decode is
 * left out with one warning line and counted (`skippedImages`); `--strict-data` stops at it
 * instead, naming the file.
 *
 * @example
 * program.addCommand(evalCommand(io));
 */
export function evalCommand(io: CommandIo): Command {
  return new Command('eval')
    .description("probe a run's pretrained encoder against the same encoder at random init and the raw pixels")
    .requiredOption('--checkpoint <dir>', 'run directory written by selfsup pretrain')
    .option('--probe <name>', `${PROBES.join(' or ')} (default linear)`, 'linear')
    .option('--dataset <name|folder>', "dataset to probe on (default: the run's)")
    .option('--probe-train <n>', "training images the probe is fitted on, a stratified sample (default: the run's)")
    .option(
      '--task <name>',
      "for a text run: the labelled task, spam (SpamAssassin bodies: spam or ham) or wordnet (a definition's supersense) (default spam)",
      'spam',
    )
    .option('--json', 'print the result as one JSON object')
    .option('--strict-data', 'stop at the first image that does not decode (exit 1 naming the file) instead of leaving it out')
    .action(
      async (flags: {
        checkpoint: string;
        probe: string;
        dataset?: string;
        probeTrain?: string;
        task: string;
        json?: boolean;
        strictData?: boolean;
      }) => {
        if (!(PROBES as readonly string[]).includes(flags.probe)) throw new UsageError(`unknown probe '${flags.probe}'; ${choices(PROBES)}`);
        assertRunDirectory(flags.checkpoint, '--checkpoint');
        const config = await readJsonObject(join(flags.checkpoint, RUN_FILES.config), '--checkpoint');
        if (config.modality === 'text') {
          const evaluation = await evaluateTextRun(flags.checkpoint, config, { task: flags.task, seed: Number(config.seed ?? 0), warn: io.error });
          if (flags.json) io.log(JSON.stringify({ method: config.method, ...evaluation }));
          else {
            const { pretrained, randomInit, bagOfWords } = evaluation.results;
            const row = (name: string, a: { linear: number; knn: number }) =>
              `  ${name.padEnd(14)} ${`${(a.linear * 100).toFixed(2)}%`.padStart(12)} ${`${(a.knn * 100).toFixed(2)}%`.padStart(13)}`;
            io.log(
              `${config.method} on ${evaluation.task} (${evaluation.classes.length} classes; probes fitted on ${evaluation.trainCount}, scored on ${evaluation.testCount} texts)`,
            );
            io.log(
              `                 linear probe   kNN (k=200)\n${row('pretrained', pretrained)}\n${row('random init', randomInit)}\n${row('bag of words', bagOfWords)}`,
            );
          }
          return;
        }
        const datasetName = flags.dataset ?? String(config.dataset);
        const probeTrain =
          flags.probeTrain === undefined ? Number(config.probeTrain) : parseNumber('--probe-train', flags.probeTrain, { integer: true, minimum: 1 });
        const seed = Number(config.seed ?? 0);
        await initBackend();
        // Images of another dataset are resized to what the encoder was trained on.
        const stored = config.imageShape as ImageShape;
        const skipped = new SkippedImages({ strict: flags.strictData, warn: io.error });
        const images = await openDataset(datasetName, { imageSize: stored[0], channels: stored[2] as 1 | 3, skipped, warn: io.error });
        if (stored[2] !== images.shape[2]) {
          throw new UsageError(
            `--dataset '${datasetName}' has ${images.shape[2]}-channel images but the encoder of '${flags.checkpoint}' was trained on ${stored[2]}-channel ones`,
          );
        }
        const dataset = encoderDataset((config.encoderInput ?? 'image') as EncoderInput, images);
        if (!dataset.test) throw new UsageError(`dataset '${datasetName}' has no labels (no class sub-folders), so there is nothing to probe`);
        // One class (or a split holding one): every probe would score 100%, which says nothing about the encoder.
        const skipReason = probeSkipReason(dataset);
        if (skipReason !== null) {
          if (flags.json)
            io.log(JSON.stringify({ method: config.method, dataset: dataset.name, probe: flags.probe, skipped: true, reason: skipReason }));
          else io.log(`selfsup: ${skipReason}`);
          return;
        }
        const probe = flags.probe as ProbeName;
        const encoder = await loadRunEncoder(flags.checkpoint);
        // The encoder of the run at its initialisation: the same recipe, backbone and seed.
        const baseline = encoderFor({
          method: String(config.method),
          backbone: String(config.backbone),
          imageShape: dataset.shape,
          totalSteps: 1,
          seed,
        });
        try {
          const options = { probeTrain, seed, probes: [probe] as const };
          const accuracy = (await probeEncoder(encoder, dataset, options))[probe]!;
          const baselineAccuracy = (await probeEncoder(baseline, dataset, options))[probe]!;
          const rawPixelsAccuracy = (await probeRawPixels(dataset, options))?.[probe] ?? null;
          const result = {
            method: config.method,
            dataset: dataset.name,
            probe,
            accuracy,
            baselineAccuracy,
            rawPixelsAccuracy,
            gain: accuracy - baselineAccuracy,
            probeTrainCount: Math.min(probeTrain, dataset.train.count),
            testCount: dataset.test.count,
            skippedImages: skipped.count,
          };
          const rawPixels = rawPixelsAccuracy === null ? 'raw pixels not measured' : `raw pixels ${(100 * rawPixelsAccuracy).toFixed(2)}%`;
          const left = skipped.count === 0 ? '' : `; ${skipped.count} image${skipped.count === 1 ? '' : 's'} that did not decode left out`;
          if (flags.json) io.log(JSON.stringify(result));
          else
            io.log(
              `${result.method} on ${result.dataset}, ${probe} probe: ${(100 * accuracy).toFixed(2)}% (random init ${(100 * baselineAccuracy).toFixed(2)}%, ${rawPixels}, gain ${(100 * result.gain).toFixed(2)} points${left})`,
            );
        } finally {
          encoder.dispose();
          baseline.dispose();
        }
      },
    );
}
