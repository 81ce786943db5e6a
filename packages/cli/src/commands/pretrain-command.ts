import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { BACKBONE_NAMES, RECIPE_NAMES } from '@selfsup/vision';
import { TEXT_RECIPE_NAMES } from '@selfsup/text';
import { BUILT_IN_TEXT_DATASETS } from '../text/text-datasets.js';
import { WORD_VECTOR_METHODS } from '../text/run-word-vectors.js';
import { CONFIG_KEYS, PRETRAIN_DEFAULTS, type PretrainConfig, resolvePretrainConfig } from '../pretrain-config.js';
import { RUN_FILES, assertRunDirectory, holdsCheckpoint, readJsonObject } from '../run-files.js';
import { runPretrain } from '../run-pretrain.js';
import { nothingToResume } from '../start-over.js';
import { UsageError } from '../usage-error.js';
import type { CommandIo } from './command-io.js';

/** Long options of `pretrain` and the config keys they set. */
const OPTION_KEYS: Record<string, keyof PretrainConfig> = {
  method: 'method',
  dataset: 'dataset',
  backbone: 'backbone',
  steps: 'steps',
  epochs: 'epochs',
  batchSize: 'batchSize',
  lr: 'learningRate',
  weightDecay: 'weightDecay',
  seed: 'seed',
  workers: 'workers',
  out: 'out',
  imageSize: 'imageSize',
  channels: 'channels',
  probeTrain: 'probeTrain',
};

/** What `--resume` may change of a stored run (recorded in its config.json under `overrides`). */
const RESUME_OVERRIDES: Record<string, 'learningRate' | 'steps' | 'weightDecay'> = { lr: 'learningRate', steps: 'steps', weightDecay: 'weightDecay' };

/**
 * `selfsup pretrain`: with no options, the main job (SimCLR on MNIST, ~5 minutes on 2
 * cores, then the probe gain over a random-init encoder).
 *
 * @example
 * program.addCommand(pretrainCommand(io));
 */
export function pretrainCommand(io: CommandIo): Command {
  const d = PRETRAIN_DEFAULTS;
  return new Command('pretrain')
    .description('pretrain an encoder without labels, then probe it against the same encoder at random init')
    .option(
      '--method <name>',
      `self-supervised method: images ${RECIPE_NAMES.join(', ')}; text ${[...TEXT_RECIPE_NAMES, ...WORD_VECTOR_METHODS].join(', ')} (default ${d.method})`,
    )
    .option(
      '--dataset <name|folder>',
      `images: mnist, emoji, or a folder of images (class sub-folders or flat) (default ${d.dataset}); text: ${BUILT_IN_TEXT_DATASETS.join(', ')}, a UTF-8 file or a folder of .txt files (default moby-dick)`,
    )
    .option('--backbone <name>', `encoder: ${BACKBONE_NAMES.join(', ')} (default ${d.backbone})`)
    .option('--steps <n>', `optimizer steps (default ${d.steps})`)
    .option('--epochs <n>', 'passes over the training images, instead of --steps')
    .option('--batch-size <n>', "images per step (default: the method's recipe, 256 for most)")
    .option('--lr <x>', "peak learning rate of AdamW, warm-up then cosine (default: the method's recipe, 0.001)")
    .option('--weight-decay <x>', "AdamW weight decay (default: the method's recipe, 0.0001)")
    .option('--seed <n>', `seed of initialisation, data order and augmentations (default ${d.seed})`)
    .option(
      '--workers <n>',
      `worker threads sharing each step, each on a slice of the batch; 1 trains on the main thread (default: the number of cores, ${d.workers})`,
    )
    .option('--out <dir>', 'run directory (default runs/<method>-<dataset>)')
    .option('--image-size <n>', `side a folder's images are resized to (default ${d.imageSize})`)
    .option('--channels <n>', `channels of a folder's images, 1 or 3 (default ${d.channels})`)
    .option('--probe-train <n>', `training images the probes are fitted on, a stratified sample of the training split (default ${d.probeTrain})`)
    .option('--config <file>', `JSON file with any of: ${CONFIG_KEYS.join(', ')} (command-line options win)`)
    .option(
      '--resume <dir>',
      'continue the run in <dir> from its newest checkpoint that verifies, with its stored configuration (--lr, --steps and --weight-decay may change it from there on)',
    )
    .option('--overwrite', 'start over in an --out that holds a run: its checkpoints, metrics and results are deleted (without it, that is refused)')
    .option('--strict-data', 'stop at the first image that does not decode (the run is saved; exit 1 naming the file) instead of skipping it')
    .option(
      '--allow-other-data',
      "with --resume: train on a dataset that differs from the run's (its fingerprint in config.json) with a warning, instead of refusing",
    )
    .action(async (options: Record<string, unknown>) => {
      // --strict-data, --allow-other-data and --overwrite are switches of this invocation, not part of the run's stored configuration.
      const { strictData, allowOtherData, overwrite, ...rest } = options;
      const flags = rest as Record<string, string | undefined>;
      const given = Object.fromEntries(Object.entries(OPTION_KEYS).map(([flag, key]) => [key, flags[flag]]));
      let config: PretrainConfig;
      let overrides: Partial<PretrainConfig> | undefined;
      if (flags.resume !== undefined) {
        if (overwrite === true) throw new UsageError('--overwrite starts a run over: it does not go with --resume, which continues it');
        const extra = Object.entries(flags).filter(([flag, value]) => flag !== 'resume' && !(flag in RESUME_OVERRIDES) && value !== undefined);
        if (extra.length > 0)
          throw new UsageError(
            `--resume continues the run with its stored ${RUN_FILES.config} (only --lr, --steps and --weight-decay may change); drop --${extra[0][0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
          );
        // A run whose first checkpoint never made it to disk (a full disk, a kill) has nothing to resume: say so, not "not a selfsup run".
        if (existsSync(join(flags.resume, RUN_FILES.config)) && !holdsCheckpoint(flags.resume)) {
          throw new UsageError(`--resume: ${nothingToResume(flags.resume).message}`);
        }
        assertRunDirectory(flags.resume, '--resume');
        const stored = await readJsonObject(join(flags.resume, RUN_FILES.config), '--resume');
        const values = Object.fromEntries(CONFIG_KEYS.filter((key) => stored[key] !== undefined).map((key) => [key, stored[key]]));
        const changed = Object.fromEntries(Object.entries(RESUME_OVERRIDES).map(([flag, key]) => [key, flags[flag]]));
        config = resolvePretrainConfig([
          { source: join(flags.resume, RUN_FILES.config), values: { ...values, out: flags.resume } },
          { source: 'command line', values: changed },
        ]);
        overrides = Object.fromEntries(
          Object.values(RESUME_OVERRIDES)
            .filter((key) => changed[key] !== undefined)
            .map((key) => [key, config[key]]),
        );
      } else {
        if (allowOtherData === true) throw new UsageError('--allow-other-data only applies with --resume: a new run stores the dataset it starts on');
        const file = flags.config === undefined ? [] : [{ source: flags.config, values: await readJsonObject(flags.config, '--config') }];
        config = resolvePretrainConfig([...file, { source: 'command line', values: given }]);
      }
      const outcome = await runPretrain(config, {
        resume: flags.resume !== undefined,
        log: io.log,
        warn: io.error,
        strictData: strictData === true,
        allowOtherData: allowOtherData === true,
        overrides,
        overwrite: overwrite === true,
      });
      io.setExitCode(outcome.status === 'interrupted' ? 130 : 0);
    });
}
