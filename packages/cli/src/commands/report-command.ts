import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { writeReport } from '../report/index.js';
import { RUN_FILES } from '../run-files.js';
import { UsageError } from '../usage-error.js';
import type { CommandIo } from './command-io.js';

/**
 * `selfsup report DIR`: (re)writes DIR/report.html from the run's files.
 *
 * @example
 * program.addCommand(reportCommand(io));
 */
export function reportCommand(io: CommandIo): Command {
  return new Command('report')
    .description('write DIR/report.html: curves, probe accuracies, collapse monitors, 2-D projection, augmented views')
    .argument('<dir>', 'run directory written by selfsup pretrain')
    .action(async (directory: string) => {
      if (!existsSync(join(directory, RUN_FILES.metrics))) {
        throw new UsageError(`'${directory}' is not a selfsup run (no ${RUN_FILES.metrics}); run 'selfsup pretrain --out ${directory}' first`);
      }
      io.log(`selfsup: report: ${await writeReport(directory, { warn: io.error })}`);
    });
}
